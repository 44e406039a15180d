import { readErrorBody } from '../shared/errors';
import { openAiAdapter } from '../openai';
import type { ProviderAdapter } from '../types';
import { buildResponsesRequest } from './request';
import { parseResponsesResponse } from './response';
import { parseResponsesStream } from './stream';

/**
 * OpenAI's Responses API, for the catalog models OpenAI serves only there (the pro and codex
 * models): an OpenAI provider speaks it for those models and Chat Completions for the rest.
 */
export const openAiResponsesAdapter: ProviderAdapter = {
  kind: 'openai',
  embeddings: openAiAdapter.embeddings,
  buildRequest: buildResponsesRequest,
  parseResponse: (json) => parseResponsesResponse(json),
  parseStream: (body) => parseResponsesStream(body),
  parseError: readErrorBody,
  listModels: openAiAdapter.listModels,
};
