import * as z from 'zod/mini';
import type { EmbeddingAdapter } from '../types';
import { openAiHeaders, trimSlash } from './request';

/** https://platform.openai.com/docs/api-reference/embeddings/object (fixture: test/fixtures/openai/embeddings.json) */
const EmbeddingResponse = z.lazy(() =>
  z.looseObject({
    data: z.array(z.looseObject({ index: z.int(), embedding: z.union([z.array(z.number()), z.string()]) })),
    model: z.optional(z.string()),
    usage: z.optional(z.looseObject({ prompt_tokens: z.number() })),
  }),
);

function fromBase64(text: string): number[] {
  const binary = atob(text);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  return Array.from({ length: binary.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** POST /embeddings, on OpenAI and every OpenAI-compatible host (Mistral, Together, LM Studio…). */
export const openAiEmbeddings: EmbeddingAdapter = {
  buildRequest({ provider, model, inputs, dimensions }) {
    const input = 'texts' in inputs ? inputs.texts : inputs.tokens;
    // Floats, which every compatible host sends; the gateway encodes them as its client asked.
    const body = { model, input, encoding_format: 'float', ...(dimensions ? { dimensions } : {}) };
    return { url: `${trimSlash(provider.baseUrl)}/embeddings`, init: { method: 'POST', headers: openAiHeaders(provider), body: JSON.stringify(body) } };
  },
  parseResponse(json) {
    const parsed = EmbeddingResponse.parse(json);
    const ordered = [...parsed.data].sort((a, b) => a.index - b.index);
    return {
      vectors: ordered.map((d) => (typeof d.embedding === 'string' ? fromBase64(d.embedding) : d.embedding)),
      ...(parsed.usage ? { promptTokens: parsed.usage.prompt_tokens } : {}),
      ...(parsed.model ? { model: parsed.model } : {}),
    };
  },
};
