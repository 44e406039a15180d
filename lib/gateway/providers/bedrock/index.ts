import type { ProviderAdapter } from '../types';
import { buildBedrockRequest } from './request';
import { parseBedrockError, parseBedrockResponse } from './response';
import { parseBedrockStream } from './stream';

/**
 * Amazon Bedrock's Converse and ConverseStream APIs: Claude, Llama, Mistral and Nova with AWS
 * credentials (SigV4) or a Bedrock API key. Models are named by their Bedrock ids or inference
 * profiles (us.anthropic.claude-…), mapped to catalog ids in the catalog.
 */
export const bedrockAdapter: ProviderAdapter = {
  kind: 'bedrock',
  buildRequest: buildBedrockRequest,
  parseResponse: (json) => parseBedrockResponse(json),
  parseStream: (body) => parseBedrockStream(body),
  parseError: parseBedrockError,
  // Listing foundation models is another service (bedrock, not bedrock-runtime) with its own
  // permissions; the catalog knows which models Bedrock serves.
  listModels: async () => [],
};
