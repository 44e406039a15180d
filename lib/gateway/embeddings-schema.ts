import * as z from 'zod/mini';
import { ProviderPreferences } from './openai-schema';

/** Most inputs one request may carry, as OpenAI allows (https://platform.openai.com/docs/api-reference/embeddings/create). */
export const MAX_EMBEDDING_INPUTS = 2048;

const Tokens = z.array(z.int().check(z.nonnegative())).check(z.minLength(1));

/** The OpenAI embeddings request as Switchyard accepts it, plus the same routing extras as chat. */
export const EmbeddingRequest = z.object({
  model: z.string().check(z.minLength(1)),
  input: z.union([
    z.string().check(z.minLength(1, 'input must not be empty')),
    z.array(z.string().check(z.minLength(1, 'input must not contain empty strings'))).check(z.minLength(1), z.maxLength(MAX_EMBEDDING_INPUTS)),
    Tokens,
    z.array(Tokens).check(z.minLength(1), z.maxLength(MAX_EMBEDDING_INPUTS)),
  ]),
  dimensions: z.optional(z.int().check(z.positive())),
  encoding_format: z.optional(z.enum(['float', 'base64'])),
  user: z.optional(z.string()),
  models: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(10))),
  provider: z.optional(ProviderPreferences),
});
export type EmbeddingRequest = z.infer<typeof EmbeddingRequest>;

/** Texts, or token arrays (which only OpenAI-compatible hosts take), always as a list. */
export type EmbeddingInputs = { texts: string[] } | { tokens: number[][] };

export function embeddingInputs(input: EmbeddingRequest['input']): EmbeddingInputs {
  if (typeof input === 'string') return { texts: [input] };
  if (input.length > 0 && typeof input[0] === 'number') return { tokens: [input as number[]] };
  if (input.length > 0 && Array.isArray(input[0])) return { tokens: input as number[][] };
  return { texts: input as string[] };
}

/** An embedding as OpenAI sends it with encoding_format "base64": the float32 values' little-endian bytes. */
export function float32Base64(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  const bytes = new Uint8Array(view.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
