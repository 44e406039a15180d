import { openAiEmbeddings } from '../openai/embeddings';
import type { EmbeddingAdapter } from '../types';
import { azureHeaders, deploymentUrl } from './request';

/** OpenAI's embeddings body and answer, at the deployment's URL with Azure's key header. */
export const azureEmbeddings: EmbeddingAdapter = {
  async buildRequest(call) {
    const openAi = await openAiEmbeddings.buildRequest(call);
    return { url: deploymentUrl(call.provider, call.model, 'embeddings'), init: { ...openAi.init, headers: azureHeaders(call.provider) } };
  },
  parseResponse: openAiEmbeddings.parseResponse,
};
