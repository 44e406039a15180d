import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

/** Counts tokens of a text. `exact` says whether it runs a real tokenizer or guesses. */
export interface TokenCounter {
  count(text: string): number;
  readonly exact: boolean;
}

/** About four characters a token: good enough to tell a short prompt from a huge one. */
export const approximateCounter: TokenCounter = { count: (text) => Math.ceil(text.length / 4), exact: false };

/**
 * A real BPE tokenizer (cl100k_base ranks by default in the extension). Providers tokenize
 * differently, but a real BPE count is within a few percent for most models.
 */
export function tiktokenCounter(ranks: TiktokenBPE): TokenCounter {
  const encoder = new Tiktoken(ranks);
  return { count: (text) => (text ? encoder.encode(text, [], []).length : 0), exact: true };
}
