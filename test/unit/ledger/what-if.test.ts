import { describe, expect, it } from 'vitest';
import { chatUsage, whatIfCosts, type PricedModel } from '../../../lib/ledger/what-if';

const models: PricedModel[] = [
  { id: 'a/cheap', name: 'Cheap', pricing: { input: 0.1, output: 0.4 }, providers: ['a'] },
  { id: 'b/dear', name: 'Dear', pricing: { input: 3, output: 15, cachedInput: 0.3 }, providers: [] },
  { id: 'c/mid', name: 'Mid', pricing: { input: 1, output: 5 }, providers: ['c'] },
  { id: 'd/unpriced', name: 'Unpriced', pricing: null, providers: ['d'] },
  { id: 'e/local', name: 'Local', pricing: { input: 0, output: 0 }, providers: ['e'] },
];

describe('what the same tokens would cost elsewhere', () => {
  it('prices the token sums at each model’s list price, cheapest first, against what was spent', () => {
    const rows = whatIfCosts({ prompt: 2_500_000, completion: 400_000 }, 4.2, models, { liked: new Set(['c/mid']), used: new Set(['b/dear']) });
    expect(rows.map((r) => r.model)).toEqual(['a/cheap', 'c/mid', 'b/dear']);
    // 2.5 M in and 0.4 M out: to the cent.
    expect(rows.map((r) => r.cost)).toEqual([0.41, 4.5, 13.5]);
    expect(rows[0]!.difference).toBeCloseTo(0.41 - 4.2, 8);
    expect(rows.find((r) => r.model === 'c/mid')).toMatchObject({ liked: true, usable: true, used: false });
    expect(rows.find((r) => r.model === 'b/dear')).toMatchObject({ liked: false, usable: false, used: true });
  });

  it('leaves out models without a price (unknown) and free local ones', () => {
    const rows = whatIfCosts({ prompt: 10, completion: 10 }, 0, models, { liked: new Set(), used: new Set() });
    expect(rows.map((r) => r.model)).not.toContain('d/unpriced');
    expect(rows.map((r) => r.model)).not.toContain('e/local');
  });
});

describe('the chat use a what-if compares', () => {
  const row = (key: string, requests: number, promptTokens: number, completionTokens: number, cost: number) => ({ key, requests, errors: 0, fallbacks: 0, cost, promptTokens, completionTokens, totalMs: 0, cacheSaved: 0, webSearches: 0, searchCost: 0 });

  it('leaves embedding requests out: their tokens are nothing a chat model would be paid for', () => {
    const usage = chatUsage(
      [row('openai/gpt-4o-mini', 3, 3_000, 900, 0.00099), row('openai/text-embedding-3-small', 40, 2_000_000, 0, 0.04), row('anthropic/claude-haiku-4-5', 1, 500, 100, 0.001)],
      new Set(['openai/text-embedding-3-small']),
    );
    expect(usage).toEqual({ tokens: { prompt: 3_500, completion: 1_000 }, spent: 0.00199, requests: 4, models: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'] });
  });
});
