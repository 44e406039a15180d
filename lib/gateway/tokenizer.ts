import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

/** Counts tokens of a text. `exact` says whether it runs a real tokenizer or guesses. */
export interface TokenCounter {
  count(text: string): number;
  readonly exact: boolean;
  /** For a counter that guesses until its real tokenizer is loaded: loads it (once) and resolves when `exact`. */
  load?(): Promise<void>;
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

/**
 * A counter that guesses until asked for exactness, then loads the real tokenizer once. Loading
 * one (a megabyte of ranks to parse) takes hundreds of milliseconds, so it stays off the path of
 * every request whose count decides nothing: most prompts are far from any context window.
 */
export function lazyCounter(loadExact: () => Promise<TokenCounter>): TokenCounter {
  let exact: TokenCounter | undefined;
  let loading: Promise<void> | undefined;
  return {
    get exact() {
      return exact?.exact ?? false;
    },
    count: (text) => (exact ?? approximateCounter).count(text),
    load() {
      loading ??= loadExact().then(
        (counter) => void (exact = counter),
        () => undefined, // it stays a guess, which is what it was
      );
      return loading;
    },
  };
}

