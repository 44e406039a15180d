import type { TokenCounter } from '../gateway/tokenizer';

export interface FitResult {
  text: string;
  trimmed: boolean;
  tokens: number;
  originalTokens: number;
  limit: number;
}

/**
 * Cuts a text to at most `limit` tokens, at a word boundary. It guesses the cut from the
 * characters-per-token ratio and refines it with a few real counts, so even a book-length
 * page costs only a handful of tokenizer passes.
 */
export function fitText(text: string, limit: number, counter: TokenCounter): FitResult {
  const originalTokens = counter.count(text);
  if (originalTokens <= limit) return { text, trimmed: false, tokens: originalTokens, originalTokens, limit };
  if (limit <= 0) return { text: '', trimmed: true, tokens: 0, originalTokens, limit };
  let cut = Math.floor((text.length * limit) / originalTokens);
  let tokens = counter.count(text.slice(0, cut));
  for (let i = 0; i < 6 && (tokens > limit || tokens < limit * 0.97); i++) {
    cut = Math.max(1, Math.floor(cut * (limit / tokens) * (tokens > limit ? 0.995 : 1)));
    tokens = counter.count(text.slice(0, cut));
  }
  while (tokens > limit && cut > 1) {
    cut = Math.floor(cut * 0.95);
    tokens = counter.count(text.slice(0, cut));
  }
  const boundary = text.lastIndexOf(' ', cut);
  const kept = text.slice(0, boundary > cut * 0.9 ? boundary : cut).trimEnd();
  return { text: kept, trimmed: true, tokens: counter.count(kept), originalTokens, limit };
}
