import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approximateCounter, createGateway, lazyCounter, type TokenCounter } from '../../../lib/gateway';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';
import { shippedCatalog } from '../../support/fixtures';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

function counting() {
  let loads = 0;
  const exact: TokenCounter = { count: (text) => Math.ceil(text.length / 2), exact: true };
  return {
    counter: lazyCounter(async () => {
      loads++;
      return exact;
    }),
    loads: () => loads,
  };
}

const ask = (gateway: ReturnType<typeof createGateway>, content: string) =>
  gateway.fetch(
    new Request('http://x/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content }] }),
    }),
  );

describe('the lazy tokenizer', () => {
  it('guesses until loaded, loads once, and stays a guess when loading fails', async () => {
    const { counter, loads } = counting();
    expect(counter.exact).toBe(false);
    expect(counter.count('abcdefgh')).toBe(2);
    await Promise.all([counter.load!(), counter.load!()]);
    expect(loads()).toBe(1);
    expect(counter.exact).toBe(true);
    expect(counter.count('abcdefgh')).toBe(4);

    const failing = lazyCounter(() => Promise.reject(new Error('ranks missing')));
    await failing.load!();
    expect(failing.exact).toBe(false);
    expect(failing.count('abcdefgh')).toBe(approximateCounter.count('abcdefgh'));
  });

  it('stays unloaded for prompts far from any window, and loads before planning one near it', async () => {
    const { counter, loads } = counting();
    const gateway = createGateway({
      providers: [{ id: 'openai', preset: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai'), apiKey: 'k' }],
      catalog: shippedCatalog(),
      tokenizer: counter,
      retry: { maxRetries: 0 },
    });
    expect((await ask(gateway, 'A short question.')).status).toBe(200);
    expect((await ask(gateway, 'Another one. '.repeat(200))).status).toBe(200);
    expect(loads()).toBe(0);

    // About 90,000 tokens by guess: near GPT-4o mini's 128,000-token window, so the count decides.
    const response = await ask(gateway, 'word '.repeat(72_000));
    expect(loads()).toBe(1);
    expect(counter.exact).toBe(true);
    // The exact count (a token every 2 characters here) is over that window: a larger one answers.
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-model')).not.toBe('openai/gpt-4o-mini');
    expect((await response.json()).switchyard.route).toMatch(/context upgrade/);
  });
});
