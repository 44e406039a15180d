import * as z from 'zod/mini';
import { readErrorBody } from '../shared/errors';
import { getProviderJson } from '../shared/http';
import type { ProviderAdapter } from '../types';
import { openAiEmbeddings } from './embeddings';
import { buildOpenAiRequest, openAiHeaders, trimSlash } from './request';
import { parseOpenAiResponse } from './response';
import { parseOpenAiStream } from './stream';
import { listedPricing } from '../../../catalog/openrouter-import';
import { lmStudioWindows } from './lmstudio-models';

const ModelList = z.lazy(() =>
  z.looseObject({
    data: z.array(
      z.looseObject({
        id: z.string(),
        name: z.nullish(z.string()),
        // OpenRouter and most hosts say context_length; vLLM max_model_len; Groq context_window.
        context_length: z.nullish(z.number()),
        max_model_len: z.nullish(z.number()),
        context_window: z.nullish(z.number()),
        pricing: z.optional(z.unknown()),
      }),
    ),
  }),
);

/** OpenAI Chat Completions, spoken by OpenAI and every OpenAI-compatible host. */
export const openAiAdapter: ProviderAdapter = {
  kind: 'openai',
  embeddings: openAiEmbeddings,
  buildRequest: buildOpenAiRequest,
  parseResponse: (json) => parseOpenAiResponse(json),
  parseStream: (body) => parseOpenAiStream(body),
  parseError: readErrorBody,
  async listModels(provider, fetchImpl, signal) {
    const { 'content-type': _json, ...headers } = openAiHeaders(provider);
    const json = await getProviderJson(fetchImpl, `${trimSlash(provider.baseUrl)}/models`, headers, provider.id, signal);
    const lmStudio = provider.preset === 'lmstudio' ? await lmStudioWindows(provider, fetchImpl, signal) : undefined;
    return ModelList.parse(json).data.map((m) => {
      const pricing = listedPricing(m.pricing);
      const window = lmStudio?.get(m.id) ?? m.context_length ?? m.max_model_len ?? m.context_window;
      return { id: m.id, name: m.name ?? undefined, ...(window && window > 0 ? { contextLength: Math.floor(window) } : {}), ...(pricing ? { pricing } : {}) };
    });
  },
};
