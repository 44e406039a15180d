import OpenAI from 'openai';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, tiktokenCounter, type GatewayOptions, type ProviderConfig, type UsageRecord } from '../../../lib/gateway';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';
import { shippedCatalog } from '../../support/fixtures';
import { createCatalog } from '../../../lib/catalog/catalog';
import { mergeProviderModels } from '../../../lib/catalog/provider-models';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { FORMAT_CASES } from '../../support/gateway-harness';

let mock: MockProvider;
let records: UsageRecord[];
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  records = [];
});

const tokenizer = tiktokenCounter(cl100k);

function gatewayWith(providers: ProviderConfig[], options: Partial<GatewayOptions> = {}) {
  return createGateway({ providers, onRecord: (r) => records.push(r), tokenizer, retry: { maxRetries: 0 }, ...options, catalog: options.catalog ?? shippedCatalog() });
}
function clientOf(gateway: ReturnType<typeof createGateway>) {
  return new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
}

describe('sorting by health', () => {
  const llama = 'meta-llama/llama-3.3-70b-instruct';
  const hosts = (): ProviderConfig[] => [
    { id: 'groq', kind: 'openai', baseUrl: mock.baseUrl('openai', 'groq'), apiKey: 'k' },
    { id: 'together', kind: 'openai', baseUrl: mock.baseUrl('openai', 'together'), apiKey: 'k' },
  ];
  const order = (gateway: ReturnType<typeof createGateway>, sort: 'latency' | 'throughput') =>
    gateway.estimate({ model: llama, messages: [{ role: 'user', content: 'x' }], provider: { sort } }).candidates.map((c) => c.provider);

  it('follows latency as it changes', async () => {
    const gateway = gatewayWith(hosts());
    const client = clientOf(gateway);
    const ask = (only: string) => client.chat.completions.create({ model: llama, messages: [{ role: 'user', content: 'x' }], provider: { only: [only] } } as OpenAI.ChatCompletionCreateParamsNonStreaming);

    mock.script('openai', { target: 'groq', fault: { type: 'delay', ms: 120 } }, { target: 'together', fault: { type: 'delay', ms: 5 } });
    await ask('groq');
    await ask('together');
    expect(order(gateway, 'latency')).toEqual(['together', 'groq']);

    for (let i = 0; i < 4; i++) {
      mock.script('openai', { target: 'together', fault: { type: 'delay', ms: 300 } }, { target: 'groq', fault: { type: 'delay', ms: 5 } });
      await ask('together');
      await ask('groq');
    }
    expect(order(gateway, 'latency')).toEqual(['groq', 'together']);
    const stats = gateway.health.snapshot().entries;
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(['groq', 'together']));
  });

  it('follows throughput of streamed answers', async () => {
    const gateway = gatewayWith(hosts());
    const client = clientOf(gateway);
    const text = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    mock.script('openai', { target: 'groq', text, chunkDelayMs: 0 }, { target: 'together', text, chunkDelayMs: 8 });
    for (const only of ['groq', 'together']) {
      const stream = await client.chat.completions.create({ model: llama, messages: [{ role: 'user', content: 'x' }], stream: true, provider: { only: [only] } } as OpenAI.ChatCompletionCreateParamsStreaming);
      for await (const _chunk of stream) {
        // drain
      }
    }
    expect(order(gateway, 'throughput')).toEqual(['groq', 'together']);
    expect(order(gateway, 'latency')).toHaveLength(2);
  });
});

describe('the context window check', () => {
  const providers = () => FORMAT_CASES.map((c) => ({ ...c.provider, baseUrl: mock.baseUrl(c.format) }));
  const hugePrompt = 'word '.repeat(140_000);

  it('skips a model whose context cannot hold the prompt and says so in the record', async () => {
    const client = clientOf(gatewayWith(providers()));
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      models: ['google/gemini-2.5-flash'],
      messages: [{ role: 'user', content: hugePrompt }],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(completion.model).toBe('google/gemini-2.5-flash');
    expect(records[0]!.attempts[0]).toMatchObject({ provider: 'openai', status: 'skipped', code: 'context_too_small' });
    expect(records[0]!.attempts[0]!.error).toMatch(/context window 128,000 < 14\d,\d{3} tokens needed/);
    expect(mock.requests.map((r) => r.format)).toEqual(['gemini']);
  });

  it('moves to a larger model of the same maker when none of the requested ones fits', async () => {
    const client = clientOf(gatewayWith(providers()));
    const completion = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: hugePrompt }] });
    expect(completion.model).toMatch(/^openai\/gpt-(5|4\.1)/);
    expect(records[0]!.route).toMatch(/context upgrade to openai\//);
  });

  it('refuses with 400 when no configured model is big enough', async () => {
    const client = clientOf(gatewayWith([{ id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama') }]));
    // Bigger than every local model's window (the largest, DeepSeek R1, holds 163,840).
    const hugerPrompt = 'word '.repeat(200_000);
    const error = await client.chat.completions.create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: hugerPrompt }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(mock.requests).toHaveLength(0);
  });
});

describe('a local server with its installed models known', () => {
  it('is never sent a model it does not have: no context upgrade to one, no catalog id routed to it', async () => {
    const ollama: ProviderConfig = { id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama'), installed: ['llama3.2:latest', 'gemma3:4b'] };
    const client = clientOf(gatewayWith([ollama]));
    // Bigger than Llama 3.2's window (131,072), smaller than DeepSeek R1's (163,840), which is not installed.
    const error = await client.chat.completions.create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'word '.repeat(140_000) }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    const missing = await client.chat.completions.create({ model: 'openai/gpt-oss-120b', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'model_not_found' });
    expect(mock.requests).toHaveLength(0);
    const installed = await client.chat.completions.create({ model: 'google/gemma-3-4b-it', messages: [{ role: 'user', content: 'hi' }] });
    expect(installed.model).toBe('google/gemma-3-4b-it');
  });
});

describe('a model whose window nobody told', () => {
  it('is sent the long prompt (the provider judges it), not swapped for a paid model with a bigger window', async () => {
    const listed = mergeProviderModels(BUNDLED_CATALOG, 'lab', [{ id: 'unlisted-window' }]);
    const gateway = gatewayWith([{ id: 'lab', kind: 'openai', baseUrl: mock.baseUrl('openai', 'lmstudio') }, ...FORMAT_CASES.map((c) => ({ ...c.provider, baseUrl: mock.baseUrl(c.format) }))], {
      catalog: createCatalog(listed),
    });
    const completion = await clientOf(gateway).chat.completions.create({ model: 'lab/unlisted-window', messages: [{ role: 'user', content: 'word '.repeat(20_000) }] });
    expect(completion.model).toBe('lab/unlisted-window');
    expect(records[0]!.route ?? '').not.toMatch(/context upgrade/);
  });
});

describe('model "auto"', () => {
  const providers = () => FORMAT_CASES.map((c) => ({ ...c.provider, baseUrl: mock.baseUrl(c.format) }));

  it('answers from the tier the request needs, and the record says why', async () => {
    const client = clientOf(gatewayWith(providers()));
    await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi!' }] });
    await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Prove that sqrt(2) is irrational, step by step.' }] });
    expect(records[0]!.model).toBe('anthropic/claude-haiku-5-5');
    expect(records[0]!.route).toMatch(/^auto → cheap: a short, simple request/);
    expect(records[1]!.model).toBe('anthropic/claude-fable-5-2');
    expect(records[1]!.route).toMatch(/^auto → strong: math \+ reasoning \(step by step\)/);
  });

  it('falls back along the tier when its first model fails', async () => {
    mock.script('anthropic', { fault: { type: 'status', status: 503 } });
    const client = clientOf(gatewayWith(providers()));
    const completion = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi!' }] });
    expect(completion.model).toBe('openai/gpt-6-luna');
  });
});

describe('cost estimate before sending', () => {
  it('tells the prompt size, the worst case and where the request would go', () => {
    const gateway = gatewayWith([{ id: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic'), apiKey: 'k' }]);
    const estimate = gateway.estimate({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'Summarize the history of rail yards in Europe.' }],
    });
    expect(estimate.promptTokens).toBeGreaterThan(8);
    expect(estimate.promptTokens).toBeLessThan(30);
    expect(estimate.maxCost).toBeCloseTo((estimate.promptTokens * 3 + 1000 * 15) / 1e6, 10);
    expect(estimate.candidates).toEqual([{ provider: 'anthropic', model: 'claude-sonnet-4-5', promptCost: (estimate.promptTokens * 3) / 1e6 }]);
  });
});

describe('20 concurrent requests with random faults', () => {
  it('all end, each with exactly one record', async () => {
    const providers: ProviderConfig[] = [
      { id: 'primary', preset: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic', 'primary'), apiKey: 'k' },
      { id: 'secondary', preset: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai', 'secondary'), apiKey: 'k' },
    ];
    const client = clientOf(gatewayWith(providers, { timeouts: { firstTokenMs: 500, idleMs: 500 }, retry: { maxRetries: 1, baseDelayMs: 10 } }));
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const faults = [
      undefined,
      { type: 'status', status: 503 },
      { type: 'status', status: 429 },
      { type: 'refuse' },
      { type: 'cut', afterChunks: 1 },
      { type: 'cut', afterChunks: 6 },
      { type: 'hang' },
      { type: 'status', status: 400 },
    ] as const;
    for (let i = 0; i < 60; i++) {
      const fault = faults[Math.floor(random() * faults.length)];
      mock.script(random() < 0.5 ? 'anthropic' : 'openai', { text: 'one two three four five six seven eight', ...(fault ? { fault: { ...fault } } : {}), target: random() < 0.5 ? 'primary' : 'secondary' });
    }
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const controller = new AbortController();
        if (i % 7 === 3) setTimeout(() => controller.abort(), 20);
        const body = { model: 'primary/claude-sonnet-4-5', models: ['secondary/gpt-4o-mini'], messages: [{ role: 'user' as const, content: `request ${i}` }] };
        try {
          if (i % 2 === 0) {
            await client.chat.completions.create(body, { signal: controller.signal });
          } else {
            for await (const _chunk of await client.chat.completions.create({ ...body, stream: true }, { signal: controller.signal })) {
              // drain
            }
          }
          return 'ok';
        } catch {
          return 'error';
        }
      }),
    );
    expect(outcomes).toHaveLength(20);
    await expect.poll(() => records.length, { timeout: 5_000 }).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(records).toHaveLength(20);
    expect(new Set(records.map((r) => r.id)).size).toBe(20);
    for (const record of records) {
      expect(['ok', 'error', 'aborted']).toContain(record.status);
      expect(record.attempts.length).toBeGreaterThan(0);
      if (record.status === 'ok') expect(record.attempts.at(-1)!.status).toBe('ok');
    }
    expect(records.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(outcomes.filter((o) => o === 'ok').length - 3);
  });
});

describe('auto learns from the user’s votes', () => {
  const providers = (): ProviderConfig[] => [
    { id: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai'), apiKey: 'k' },
    { id: 'google', kind: 'gemini', baseUrl: mock.baseUrl('gemini'), apiKey: 'k' },
  ];
  const code = { model: 'auto', messages: [{ role: 'user' as const, content: 'Write a Python function that reverses a string.' }] };
  const chat = { model: 'auto', messages: [{ role: 'user' as const, content: 'Write a long, warm thank-you note to my team for a hard year of work, with a few lines about each project we shipped together and what it meant.' }] };

  it('tries the user’s winner for this kind of prompt first within the tier, and says so in the route', async () => {
    const plain = gatewayWith(providers());
    expect(plain.estimate(code).candidates[0]!.model).toBe('gpt-4.1-mini');
    const learned = gatewayWith(providers(), { autoPreferences: { code: ['google/gemini-2.5-flash'] } });
    const estimate = learned.estimate(code);
    expect(estimate.candidates[0]).toMatchObject({ provider: 'google', model: 'gemini-2.5-flash' });
    expect(estimate.route).toContain('your pick for code prompts');
    // Other kinds keep the tier's own order.
    expect(learned.estimate(chat).candidates[0]!.model).toBe(plain.estimate(chat).candidates[0]!.model);

    const answer = await clientOf(learned).chat.completions.create(code);
    expect(answer.model).toContain('gemini-2.5-flash');
    expect(records.at(-1)!.route).toContain('your pick for code prompts');
  });

  it('refuses preferences for a kind it does not know, naming the option', () => {
    expect(() => gatewayWith(providers(), { autoPreferences: { poetry: ['x'] } as never })).toThrow(/autoPreferences/);
  });
});
