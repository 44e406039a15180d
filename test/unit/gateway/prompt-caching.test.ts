import { describe, expect, it } from 'vitest';
import { cacheSavingsOf, costOf } from '../../../lib/catalog/pricing';
import { chatRequestBody, type HistoryMessage } from '../../../lib/chat/request-body';
import { useHarness } from '../../support/gateway-harness';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';

const h = useHarness();
const MODEL = 'anthropic/claude-sonnet-4-5';
const page = `The page: ${'Switchyard routes each request to the provider the user chose. '.repeat(400)}`;

async function ask(history: HistoryMessage[]) {
  const body = chatRequestBody({ model: MODEL, reasons: true, thinking: 'default', pageSystem: page, history });
  const response = await h.gatewayFor().fetch(new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
  const json = await response.json();
  return { answer: json.choices[0].message.content as string, usage: json.usage };
}

describe('prompt caching of a long page in the side panel', () => {
  it('the second and third questions read the page from Claude’s cache and cost less than the first, each kind of token at its own price', async () => {
    const history: HistoryMessage[] = [];
    const usages = [];
    for (const question of ['What is it?', 'Who is it for?', 'What does it cost?']) {
      history.push({ role: 'user', content: question });
      const { answer, usage } = await ask(history);
      usages.push(usage);
      history.push({ role: 'assistant', content: answer, model: MODEL });
    }
    for (const request of h.mock.requests) expect((request.body.system as { cache_control?: unknown }[])[0]!.cache_control).toEqual({ type: 'ephemeral' });
    const [first, second, third] = usages;
    expect(first.prompt_tokens_details.cache_write_tokens).toBeGreaterThan(2000);
    expect(second.prompt_tokens_details.cached_tokens).toBeGreaterThanOrEqual(first.prompt_tokens_details.cache_write_tokens);
    expect(third.prompt_tokens_details.cached_tokens).toBeGreaterThan(second.prompt_tokens_details.cached_tokens);
    expect(second.cost).toBeLessThan(first.cost);
    expect(third.cost).toBeLessThan(first.cost);
    expect(second.cache_discount).toBeGreaterThan(0);

    const pricing = BUNDLED_CATALOG.models.find((m) => m.id === MODEL)!.pricing;
    expect(pricing.cachedInput).toBeLessThan(pricing.input);
    for (const [i, record] of h.records.entries()) {
      expect(record.cost).toBe(usages[i].cost);
      expect(record.cost).toBe(costOf(record.usage, pricing));
    }
    expect(h.records[1]!.cacheSaved).toBe(second.cache_discount);
  });

  it('prices cache reads and writes at their own rates', () => {
    const pricing = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };
    const tokens = { prompt: 10_000, completion: 100, cached: 8000, cacheWrite: 1000 };
    expect(costOf(tokens, pricing)).toBeCloseTo((1000 * 3 + 8000 * 0.3 + 1000 * 3.75 + 100 * 15) / 1e6, 10);
    expect(cacheSavingsOf(tokens, pricing)).toBeCloseTo((8000 * (3 - 0.3) - 1000 * (3.75 - 3)) / 1e6, 10);
    expect(cacheSavingsOf({ ...tokens, cached: 0 }, pricing)).toBeLessThan(0);
  });
});
