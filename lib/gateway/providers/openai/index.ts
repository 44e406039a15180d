import * as z from 'zod/mini';
import { readErrorBody } from '../shared/errors';
import { getProviderJson } from '../shared/http';
import type { ProviderAdapter } from '../types';
import { openAiEmbeddings } from './embeddings';
import { buildOpenAiRequest, openAiHeaders, trimSlash } from './request';
import { parseOpenAiResponse } from './response';
import { parseOpenAiStream } from './stream';
import { listedPricing } from '../../../catalog/openrouter-import';

const ModelList = z.lazy(() =>
  z.looseObject({
    data: z.array(z.looseObject({ id: z.string(), name: z.nullish(z.string()), context_length: z.nullish(z.number()), pricing: z.optional(z.unknown()) })),
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
    return ModelList.parse(json).data.map((m) => {
      const pricing = listedPricing(m.pricing);
      return { id: m.id, name: m.name ?? undefined, contextLength: m.context_length ?? undefined, ...(pricing ? { pricing } : {}) };
    });
  },
};
