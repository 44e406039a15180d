import * as z from 'zod/mini';
import { unsupported } from '../../errors';
import type { EmbeddingAdapter } from '../types';
import { geminiBase, geminiHeaders } from './request';

/** https://ai.google.dev/api/embeddings#method:-models.batchembedcontents (fixture: test/fixtures/gemini/embeddings.json) */
const BatchEmbedResponse = z.looseObject({
  embeddings: z.array(z.looseObject({ values: z.array(z.number()) })),
});

/** POST models/{model}:batchEmbedContents: one request per input; Gemini counts no tokens here. */
export const geminiEmbeddings: EmbeddingAdapter = {
  buildRequest({ provider, model, inputs, dimensions }) {
    if (!('texts' in inputs)) throw unsupported(provider.id, 'token arrays as embedding input (send text)', 'input');
    const name = model.startsWith('models/') ? model : `models/${model}`;
    const requests = inputs.texts.map((text) => ({ model: name, content: { parts: [{ text }] }, ...(dimensions ? { outputDimensionality: dimensions } : {}) }));
    return {
      url: `${geminiBase(provider)}/${name}:batchEmbedContents`,
      init: { method: 'POST', headers: geminiHeaders(provider), body: JSON.stringify({ requests }) },
    };
  },
  parseResponse(json, call) {
    const { embeddings } = BatchEmbedResponse.parse(json);
    const expected = 'texts' in call.inputs ? call.inputs.texts.length : call.inputs.tokens.length;
    if (embeddings.length !== expected) throw new Error(`${embeddings.length} embeddings for ${expected} inputs`);
    return { vectors: embeddings.map((e) => e.values) };
  },
};
