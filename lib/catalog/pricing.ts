import type { Pricing } from './schema';

export interface PricedTokens {
  prompt: number;
  completion: number;
  cached: number;
  cacheWrite: number;
}

const PER_MILLION = 1_000_000;

/**
 * When a request is priced: at the moment it was made (a provider's peak hours apply if it fell in
 * them), at its dearest (`'dearest'`: a budget's ceiling), or at the prices outside peak hours
 * (undefined: sums over days, where the hour is not known).
 */
export type PricedAt = Date | 'dearest' | undefined;

export type Rates = Required<Pick<Pricing, 'input' | 'output'>> & Pick<Pricing, 'cachedInput' | 'cacheWrite'>;

/** One line of a request's bill: tokens of a kind at their price per million. */
export interface CostLine {
  kind: 'input' | 'cached' | 'cacheWrite' | 'output';
  tokens: number;
  perMillion: number;
  usd: number;
}

/** A request's cost, line by line, at the rates it paid (as costOf adds them up). */
export function costLinesOf(tokens: PricedTokens, rates: Rates): CostLine[] {
  const cached = Math.min(tokens.cached, tokens.prompt);
  const cacheWrite = Math.min(tokens.cacheWrite, tokens.prompt - cached);
  const lines: CostLine[] = [
    { kind: 'input', tokens: tokens.prompt - cached - cacheWrite, perMillion: rates.input, usd: 0 },
    { kind: 'cached', tokens: cached, perMillion: rates.cachedInput ?? rates.input, usd: 0 },
    { kind: 'cacheWrite', tokens: cacheWrite, perMillion: rates.cacheWrite ?? rates.input, usd: 0 },
    { kind: 'output', tokens: tokens.completion, perMillion: rates.output, usd: 0 },
  ];
  return lines.filter((l) => l.tokens > 0 || l.kind === 'input' || l.kind === 'output').map((l) => ({ ...l, usd: (l.tokens * l.perMillion) / PER_MILLION }));
}

function inPeak(peak: NonNullable<Pricing['peak']>, at: PricedAt): boolean {
  if (at === 'dearest') return true;
  if (!at) return false;
  const hour = at.getUTCHours();
  return peak.hoursUtc.some(([from, to]) => (from <= to ? hour >= from && hour < to : hour >= from || hour < to));
}

/**
 * The prices per million tokens one request pays: a prompt longer than the long-context threshold
 * pays the long-context prices for all of its tokens (cached reads and writes scaled alike unless
 * listed), and a request in peak hours pays the peak multiple of every price.
 */
export function ratesFor(pricing: Pricing, promptTokens: number, at?: PricedAt): Rates {
  const long = pricing.longContext && promptTokens > pricing.longContext.above ? pricing.longContext : undefined;
  const scale = long && pricing.input > 0 ? long.input / pricing.input : 1;
  const base: Rates = long
    ? {
        input: long.input,
        output: long.output,
        cachedInput: long.cachedInput ?? (pricing.cachedInput !== undefined ? pricing.cachedInput * scale : undefined),
        cacheWrite: pricing.cacheWrite !== undefined ? pricing.cacheWrite * scale : undefined,
      }
    : pricing;
  const m = pricing.peak && inPeak(pricing.peak, at) ? pricing.peak.multiplier : 1;
  if (m === 1 && !long) return pricing;
  return {
    input: base.input * m,
    output: base.output * m,
    ...(base.cachedInput !== undefined ? { cachedInput: base.cachedInput * m } : {}),
    ...(base.cacheWrite !== undefined ? { cacheWrite: base.cacheWrite * m } : {}),
  };
}

/**
 * The cost in USD of one request. Prompt tokens include cached reads and cache writes; each
 * kind is priced apart (cached reads at the cached price, writes at the write price).
 */
export function costOf(tokens: PricedTokens, pricing: Pricing | undefined, at?: PricedAt): number {
  if (!pricing) return 0;
  const rates = ratesFor(pricing, tokens.prompt, at);
  const cached = Math.min(tokens.cached, tokens.prompt);
  const cacheWrite = Math.min(tokens.cacheWrite, tokens.prompt - cached);
  const fresh = tokens.prompt - cached - cacheWrite;
  const usd =
    fresh * rates.input +
    cached * (rates.cachedInput ?? rates.input) +
    cacheWrite * (rates.cacheWrite ?? rates.input) +
    tokens.completion * rates.output;
  // Round to a millionth of a cent so sums in the ledger stay exact enough to the cent.
  return Math.round((usd / PER_MILLION) * 1e8) / 1e8;
}

/**
 * What prompt caching saved in USD against paying the input price for the whole prompt: cached
 * reads are cheaper, cache writes dearer, so it is negative for a request that only wrote.
 */
export function cacheSavingsOf(tokens: PricedTokens, pricing: Pricing | undefined, at?: PricedAt): number {
  if (!pricing || (!tokens.cached && !tokens.cacheWrite)) return 0;
  const rates = ratesFor(pricing, tokens.prompt, at);
  const cached = Math.min(tokens.cached, tokens.prompt);
  const cacheWrite = Math.min(tokens.cacheWrite, tokens.prompt - cached);
  const usd = cached * (rates.input - (rates.cachedInput ?? rates.input)) - cacheWrite * ((rates.cacheWrite ?? rates.input) - rates.input);
  return Math.round((usd / PER_MILLION) * 1e8) / 1e8;
}

/**
 * The most a request can cost: its prompt at the input price plus its output ceiling at the output
 * price, in peak hours if the provider has them (the request may start just before one).
 */
export function maxCostOf(promptTokens: number, maxOutputTokens: number, pricing: Pricing | undefined): number {
  return costOf({ prompt: promptTokens, completion: maxOutputTokens, cached: 0, cacheWrite: 0 }, pricing, 'dearest');
}
