import * as z from 'zod/mini';
import { readErrorBody } from '../shared/errors';
import { getProviderJson } from '../shared/http';
import type { ProviderAdapter } from '../types';
import { ollamaEmbeddings } from './embeddings';
import { buildOllamaRequest, ollamaBase, ollamaHeaders } from './request';
import { parseOllamaResponse } from './response';
import { parseOllamaStream } from './stream';

const Tags = z.looseObject({ models: z.array(z.looseObject({ name: z.string(), model: z.nullish(z.string()) })) });

/** Ollama's native API: /api/chat (NDJSON streaming) and /api/tags. */
export const ollamaAdapter: ProviderAdapter = {
  kind: 'ollama',
  embeddings: ollamaEmbeddings,
  buildRequest: buildOllamaRequest,
  parseResponse: (json) => parseOllamaResponse(json),
  parseStream: (body) => parseOllamaStream(body),
  parseError: readErrorBody,
  async listModels(provider, fetchImpl, signal) {
    const { 'content-type': _json, ...headers } = ollamaHeaders(provider);
    const json = await getProviderJson(fetchImpl, `${ollamaBase(provider)}/api/tags`, headers, provider.id, signal);
    return Tags.parse(json).models.map((m) => ({ id: m.model ?? m.name, name: m.name }));
  },
};
