import * as z from 'zod/mini';
import { unsupported } from '../../errors';
import type { EmbeddingAdapter } from '../types';
import { ollamaBase, ollamaHeaders } from './request';

/** https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings (fixture: test/fixtures/ollama/embeddings.json) */
const EmbedResponse = z.looseObject({
  model: z.optional(z.string()),
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: z.optional(z.number()),
});

/** POST /api/embed, which takes a list of texts and counts their tokens. */
export const ollamaEmbeddings: EmbeddingAdapter = {
  buildRequest({ provider, model, inputs, dimensions }) {
    if (!('texts' in inputs)) throw unsupported(provider.id, 'token arrays as embedding input (send text)', 'input');
    const body = { model, input: inputs.texts, ...(dimensions ? { dimensions } : {}) };
    return { url: `${ollamaBase(provider)}/api/embed`, init: { method: 'POST', headers: ollamaHeaders(provider), body: JSON.stringify(body) } };
  },
  parseResponse(json) {
    const parsed = EmbedResponse.parse(json);
    return {
      vectors: parsed.embeddings,
      ...(parsed.prompt_eval_count !== undefined ? { promptTokens: parsed.prompt_eval_count } : {}),
      ...(parsed.model ? { model: parsed.model } : {}),
    };
  },
};
