import * as z from 'zod/mini';
import { unsupported } from '../../errors';
import type { EmbeddingAdapter } from '../types';
import { bedrockHeaders } from './credentials';

/** https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html (fixture: test/fixtures/bedrock/cohere-embed.json) */
const CohereEmbedResponse = z.looseObject({ embeddings: z.array(z.array(z.number())) });

/**
 * Cohere Embed on Bedrock (InvokeModel), which takes up to 96 texts per call; the texts are
 * embedded as documents to search. Bedrock reports no token count: the gateway counts them.
 */
export const bedrockEmbeddings: EmbeddingAdapter = {
  async buildRequest({ provider, model, inputs, dimensions }) {
    if (!('texts' in inputs)) throw unsupported(provider.id, 'token arrays as embedding input (send text)', 'input');
    if (!model.startsWith('cohere.')) throw unsupported(provider.id, `embeddings from ${model} (Cohere Embed models only)`, 'model');
    if (inputs.texts.length > 96) throw unsupported(provider.id, 'more than 96 texts in one embeddings request', 'input');
    if (dimensions) throw unsupported(provider.id, `dimensions for ${model}`, 'dimensions');
    const url = `${provider.baseUrl.replace(/\/+$/, '')}/model/${encodeURIComponent(model)}/invoke`;
    const body = JSON.stringify({ texts: inputs.texts, input_type: 'search_document', truncate: 'END' });
    return { url, init: { method: 'POST', headers: await bedrockHeaders(provider, url, body, 'application/json'), body } };
  },
  parseResponse: (json) => ({ vectors: CohereEmbedResponse.parse(json).embeddings }),
};
