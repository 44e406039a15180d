import { parseOpenAiResponse } from '../openai/response';
import { parseOpenAiStream } from '../openai/stream';
import type { ProviderAdapter } from '../types';
import { azureEmbeddings } from './embeddings';
import { buildAzureRequest } from './request';
import { parseAzureError } from './response';

/**
 * Azure OpenAI: OpenAI's chat completions on a resource's deployments. Answers and streams are
 * OpenAI's (a filtered answer ends with finish_reason "content_filter"); URLs, the key header and
 * error codes are Azure's.
 */
export const azureAdapter: ProviderAdapter = {
  kind: 'azure',
  embeddings: azureEmbeddings,
  buildRequest: buildAzureRequest,
  parseResponse: (json) => parseOpenAiResponse(json),
  parseStream: (body) => parseOpenAiStream(body),
  parseError: parseAzureError,
  // A resource lists only what was deployed on it, which is what the provider's settings name.
  listModels: async (provider) => Object.values(provider.deployments ?? {}).map((id) => ({ id })),
};
