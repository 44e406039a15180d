import * as z from 'zod/mini';
import { getProviderJson } from '../shared/http';
import type { ProviderAdapter } from '../types';
import { bedrockControlPlane } from '../presets';
import { bedrockHeaders } from './credentials';
import { bedrockEmbeddings } from './embeddings';
import { buildBedrockRequest } from './request';
import { parseBedrockError, parseBedrockResponse } from './response';
import { parseBedrockStream } from './stream';

/** https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html */
const FoundationModels = z.looseObject({ modelSummaries: z.array(z.looseObject({ modelId: z.string(), modelName: z.nullish(z.string()) })) });

/**
 * Amazon Bedrock's Converse and ConverseStream APIs: Claude, Llama, Mistral and Nova with AWS
 * credentials (SigV4) or a Bedrock API key. Models are named by their Bedrock ids or inference
 * profiles (us.anthropic.claude-…), mapped to catalog ids in the catalog.
 */
export const bedrockAdapter: ProviderAdapter = {
  kind: 'bedrock',
  embeddings: bedrockEmbeddings,
  buildRequest: buildBedrockRequest,
  parseResponse: (json) => parseBedrockResponse(json),
  parseStream: (body) => parseBedrockStream(body),
  parseError: parseBedrockError,
  // ListFoundationModels, on the control plane: signed like a call, so it tests the credentials.
  async listModels(provider, fetchImpl, signal) {
    const url = `${bedrockControlPlane(provider.baseUrl)}/foundation-models?byOutputModality=TEXT`;
    const json = await getProviderJson(fetchImpl, url, await bedrockHeaders(provider, url, undefined, 'application/json'), provider.id, signal);
    return FoundationModels.parse(json).modelSummaries.map((m) => ({ id: m.modelId, ...(m.modelName ? { name: m.modelName } : {}) }));
  },
};
