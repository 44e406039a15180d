import type { Pricing } from './schema';

export interface PricedTokens {
  prompt: number;
  completion: number;
  cached: number;
  cacheWrite: number;
}

const PER_MILLION = 1_000_000;

/**
 * The cost in USD of one request. Prompt tokens include cached reads and cache writes; each
 * kind is priced apart (cached reads at the cached price, writes at the write price).
 */
export function costOf(tokens: PricedTokens, pricing: Pricing | undefined): number {
  if (!pricing) return 0;
  const cached = Math.min(tokens.cached, tokens.prompt);
  const cacheWrite = Math.min(tokens.cacheWrite, tokens.prompt - cached);
  const fresh = tokens.prompt - cached - cacheWrite;
  const usd =
    fresh * pricing.input +
    cached * (pricing.cachedInput ?? pricing.input) +
    cacheWrite * (pricing.cacheWrite ?? pricing.input) +
    tokens.completion * pricing.output;
  // Round to a millionth of a cent so sums in the ledger stay exact enough to the cent.
  return Math.round((usd / PER_MILLION) * 1e8) / 1e8;
}

/**
 * What prompt caching saved in USD against paying the input price for the whole prompt: cached
 * reads are cheaper, cache writes dearer, so it is negative for a request that only wrote.
 */
export function cacheSavingsOf(tokens: PricedTokens, pricing: Pricing | undefined): number {
  if (!pricing || (!tokens.cached && !tokens.cacheWrite)) return 0;
  const cached = Math.min(tokens.cached, tokens.prompt);
  const cacheWrite = Math.min(tokens.cacheWrite, tokens.prompt - cached);
  const usd = cached * (pricing.input - (pricing.cachedInput ?? pricing.input)) - cacheWrite * ((pricing.cacheWrite ?? pricing.input) - pricing.input);
  return Math.round((usd / PER_MILLION) * 1e8) / 1e8;
}

/** The most a request can cost: its prompt at the input price plus its output ceiling at the output price. */
export function maxCostOf(promptTokens: number, maxOutputTokens: number, pricing: Pricing | undefined): number {
  return costOf({ prompt: promptTokens, completion: maxOutputTokens, cached: 0, cacheWrite: 0 }, pricing);
}
