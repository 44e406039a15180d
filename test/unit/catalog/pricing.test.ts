import { afterEach, describe, expect, it, vi } from 'vitest';
import { costLinesOf, costOf, maxCostOf, ratesFor } from '../../../lib/catalog/pricing';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { createGateway } from '../../../lib/gateway';

const tokens = (prompt: number, completion: number, cached = 0) => ({ prompt, completion, cached, cacheWrite: 0 });
const bundled = (id: string) => BUNDLED_CATALOG.models.find((m) => m.id === id)!.pricing;

describe('long-context prices', () => {
  const pro = bundled('google/gemini-2.5-pro');

  it('prices a prompt over the threshold at the long-context prices, all of it, cached reads included', () => {
    expect(costOf(tokens(200_000, 1_000_000), pro)).toBeCloseTo(0.2 * 1.25 + 10, 8);
    expect(costOf(tokens(200_001, 1_000_000), pro)).toBeCloseTo(0.200001 * 2.5 + 15, 8);
    expect(costOf(tokens(1_000_000, 0, 1_000_000), pro)).toBeCloseTo(0.25, 8);
  });

  it('scales a cached price the provider lists only once by the long-context input price', () => {
    const rates = ratesFor({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, longContext: { above: 200_000, input: 6, output: 22.5 } }, 300_000);
    expect(rates).toEqual({ input: 6, output: 22.5, cachedInput: 0.6, cacheWrite: 7.5 });
  });
});

describe('peak hours', () => {
  const flash = bundled('deepseek/deepseek-v4-flash');
  const at = (utc: string) => new Date(`2026-11-30T${utc}:00Z`);

  it('doubles DeepSeek’s prices from 01:00 to 04:00 and 06:00 to 10:00 UTC, and only then', () => {
    const million = tokens(1_000_000, 1_000_000);
    expect(costOf(million, flash, at('00:59'))).toBeCloseTo(0.42, 8);
    expect(costOf(million, flash, at('01:00'))).toBeCloseTo(0.84, 8);
    expect(costOf(million, flash, at('03:59'))).toBeCloseTo(0.84, 8);
    expect(costOf(million, flash, at('04:00'))).toBeCloseTo(0.42, 8);
    expect(costOf(million, flash, at('09:30'))).toBeCloseTo(0.84, 8);
    expect(costOf(million, flash, at('10:00'))).toBeCloseTo(0.42, 8);
    expect(costOf(tokens(1_000_000, 0, 1_000_000), flash, at('07:00'))).toBeCloseTo(0.0056, 8);
  });

  it('takes the prices outside peak hours when the hour is not known, and the peak ones for a budget’s ceiling', () => {
    expect(costOf(tokens(1_000_000, 0), flash)).toBeCloseTo(0.14, 8);
    expect(maxCostOf(1_000_000, 1_000_000, flash)).toBeCloseTo(0.84, 8);
  });

  it('understands windows that wrap past midnight', () => {
    const night = { input: 1, output: 1, peak: { hoursUtc: [[22, 2]] as [number, number][], multiplier: 3 } };
    expect(ratesFor(night, 0, at('23:00')).input).toBe(3);
    expect(ratesFor(night, 0, at('01:59')).input).toBe(3);
    expect(ratesFor(night, 0, at('02:00')).input).toBe(1);
  });
});

describe('the gateway prices a request by the hour it started and the length of its prompt', () => {
  afterEach(() => vi.useRealTimers());
  const deepseek = { id: 'deepseek', kind: 'openai' as const, preset: 'deepseek', baseUrl: 'https://api.deepseek.example/v1', apiKey: 'sk-test' };
  const answer = { id: 'c1', object: 'chat.completion', created: 0, model: 'deepseek-v4-flash', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 } };
  const ask = async () => {
    const rows: { cost: number }[] = [];
    const gateway = createGateway({ providers: [deepseek], fetch: async () => Response.json(answer), onRecord: (r) => rows.push(r) });
    const response = await gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'deepseek/deepseek-v4-flash', messages: [{ role: 'user', content: 'hi' }] }) }));
    const body = await response.json();
    return { answered: body.usage.cost as number, booked: rows.at(-1)!.cost };
  };

  it('books twice the price in DeepSeek’s peak hours, and the answer says the same as the ledger row', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T02:00:00Z'));
    expect(await ask()).toEqual({ answered: 0.84, booked: 0.84 });
    vi.setSystemTime(new Date('2026-11-30T12:00:00Z'));
    expect(await ask()).toEqual({ answered: 0.42, booked: 0.42 });
  });
});

describe('a request’s bill, line by line', () => {
  it('prices each kind of token at its rate, and the lines add up to the cost', () => {
    const sonnet = bundled('anthropic/claude-sonnet-4-5')!;
    const used = { prompt: 12_000, completion: 900, cached: 8_000, cacheWrite: 2_000 };
    const rates = ratesFor(sonnet, used.prompt);
    const lines = costLinesOf(used, rates);
    expect(lines.map((l) => [l.kind, l.tokens])).toEqual([
      ['input', 2_000],
      ['cached', 8_000],
      ['cacheWrite', 2_000],
      ['output', 900],
    ]);
    expect(lines.find((l) => l.kind === 'output')!.perMillion).toBe(sonnet.output);
    expect(lines.reduce((sum, l) => sum + l.usd, 0)).toBeCloseTo(costOf(used, sonnet), 8);
    // No cache: only input and output.
    expect(costLinesOf({ prompt: 100, completion: 10, cached: 0, cacheWrite: 0 }, rates).map((l) => l.kind)).toEqual(['input', 'output']);
  });
});
