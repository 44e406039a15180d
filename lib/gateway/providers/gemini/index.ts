import * as z from 'zod/mini';
import { readErrorBody } from '../shared/errors';
import { getProviderJson } from '../shared/http';
import type { ProviderAdapter } from '../types';
import { geminiEmbeddings } from './embeddings';
import { buildGeminiRequest, geminiBase, geminiHeaders } from './request';
import { parseGeminiResponse } from './response';
import { parseGeminiStream } from './stream';

const ModelList = z.looseObject({
  models: z.array(
    z.looseObject({
      name: z.string(),
      displayName: z.nullish(z.string()),
      inputTokenLimit: z.nullish(z.number()),
      supportedGenerationMethods: z.nullish(z.array(z.string())),
    }),
  ),
});

/** Google's Gemini API: generateContent and streamGenerateContent. */
export const geminiAdapter: ProviderAdapter = {
  kind: 'gemini',
  embeddings: geminiEmbeddings,
  buildRequest: buildGeminiRequest,
  parseResponse: (json) => parseGeminiResponse(json),
  parseStream: (body) => parseGeminiStream(body),
  parseError(status, text) {
    const details = readErrorBody(status, text);
    // Gemini answers a bad key with 400 INVALID_ARGUMENT; it is an authentication failure.
    if (/API key not valid|API_KEY_INVALID/i.test(`${details.message} ${text}`)) return { ...details, status: 401 };
    return details;
  },
  async listModels(provider, fetchImpl, signal) {
    const { 'content-type': _json, ...headers } = geminiHeaders(provider);
    const json = await getProviderJson(fetchImpl, `${geminiBase(provider)}/models?pageSize=1000`, headers, provider.id, signal);
    return ModelList.parse(json)
      .models.filter((m) => !m.supportedGenerationMethods || m.supportedGenerationMethods.includes('generateContent'))
      .map((m) => ({
        id: m.name.replace(/^models\//, ''),
        name: m.displayName ?? undefined,
        contextLength: m.inputTokenLimit ?? undefined,
      }));
  },
};
