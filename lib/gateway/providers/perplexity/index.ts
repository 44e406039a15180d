import { readErrorBody } from '../shared/errors';
import { openAiAdapter } from '../openai';
import type { ProviderAdapter } from '../types';
import { agentBase, buildAgentRequest } from './request';
import { parseAgentResponse } from './response';
import { parseAgentStream } from './stream';

/** Perplexity's Agent API, where Sonar answers with its searches and their numbered results. */
export const perplexityAdapter: ProviderAdapter = {
  kind: 'openai',
  buildRequest: buildAgentRequest,
  parseResponse: (json) => parseAgentResponse(json),
  parseStream: (body) => parseAgentStream(body),
  parseError: readErrorBody,
  // GET /v1/models lists the Agent API's models (OpenAI's list format).
  listModels: (provider, fetchImpl, signal) => openAiAdapter.listModels({ ...provider, baseUrl: agentBase(provider.baseUrl) }, fetchImpl, signal),
};
