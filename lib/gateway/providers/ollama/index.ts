import { readErrorBody } from '../shared/errors';
import type { ProviderAdapter } from '../types';
import { ollamaEmbeddings } from './embeddings';
import { listOllamaModels } from './models';
import { buildOllamaRequest } from './request';
import { parseOllamaResponse } from './response';
import { parseOllamaStream } from './stream';

/** Ollama's native API: /api/chat (NDJSON streaming), /api/tags and /api/show. */
export const ollamaAdapter: ProviderAdapter = {
  kind: 'ollama',
  embeddings: ollamaEmbeddings,
  buildRequest: buildOllamaRequest,
  parseResponse: (json) => parseOllamaResponse(json),
  parseStream: (body) => parseOllamaStream(body),
  parseError: readErrorBody,
  listModels: listOllamaModels,
};
