import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type GatewayOptions, type ProviderConfig, type UsageRecord } from '../../../lib/gateway';
import { startMockProvider, type Fault, type MockProvider } from '../../mock-provider/server';
import { shippedCatalog } from '../../support/fixtures';

let mock: MockProvider;
let providers: ProviderConfig[];
let records: UsageRecord[];

beforeAll(async () => {
  mock = await startMockProvider();
  providers = [
    { id: 'primary', preset: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic', 'primary'), apiKey: 'k1' },
    { id: 'secondary', preset: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai', 'secondary'), apiKey: 'k2' },
  ];
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  records = [];
});

function client(options: Partial<GatewayOptions> = {}) {
  const gateway = createGateway({
    providers,
    onRecord: (r) => records.push(r),
    retry: { maxRetries: 0 },
    timeouts: { firstTokenMs: 300 },
    ...options,
    catalog: options.catalog ?? shippedCatalog(),
  });
  return new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
}

const body = {
  model: 'primary/claude-sonnet-4-5',
  models: ['secondary/gpt-4o-mini'],
  messages: [{ role: 'user' as const, content: 'hello' }],
};

async function ask(c: OpenAI, stream: boolean): Promise<string> {
  if (!stream) return (await c.chat.completions.create(body)).choices[0]!.message.content ?? '';
  let text = '';
  for await (const chunk of await c.chat.completions.create({ ...body, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

const FALLS_BACK: { name: string; fault: Fault; streamOnly?: boolean }[] = [
  { name: '408', fault: { type: 'status', status: 408 } },
  { name: '409', fault: { type: 'status', status: 409 } },
  { name: '429', fault: { type: 'status', status: 429 } },
  { name: '500', fault: { type: 'status', status: 500 } },
  { name: '502', fault: { type: 'status', status: 502 } },
  { name: '503', fault: { type: 'status', status: 503 } },
  { name: '529 overloaded', fault: { type: 'status', status: 529 } },
  { name: 'a bad key (401)', fault: { type: 'status', status: 401 } },
  { name: 'no permission (403)', fault: { type: 'status', status: 403 } },
  { name: 'unknown model (404)', fault: { type: 'status', status: 404 } },
  { name: 'prompt too long (400)', fault: { type: 'status', status: 400, message: 'prompt is too long: 210012 tokens > 200000 maximum' } },
  { name: 'connection refused', fault: { type: 'refuse' } },
  { name: 'no answer (timeout)', fault: { type: 'hang' } },
  { name: 'cut before the first token', fault: { type: 'cut', afterChunks: 1 } },
  { name: 'malformed before the first token', fault: { type: 'malformed', afterChunks: 1 } },
  { name: 'error event before the first token', fault: { type: 'stream-error', afterChunks: 1 }, streamOnly: true },
];

describe.each([false, true])('fallback (stream: %s)', (stream) => {
  it.each(FALLS_BACK.filter((f) => stream || !f.streamOnly))('$name at the primary → the secondary answers', async ({ fault }) => {
    mock.script('anthropic', { target: 'primary', fault });
    mock.script('openai', { target: 'secondary', text: 'from the secondary' });
    expect(await ask(client(), stream)).toBe('from the secondary');
    expect(records).toHaveLength(1);
    const [first, second] = records[0]!.attempts;
    expect(first).toMatchObject({ provider: 'primary', status: 'error' });
    expect(first!.error).toBeTruthy();
    expect(second).toMatchObject({ provider: 'secondary', status: 'ok' });
    expect(records[0]).toMatchObject({ status: 'ok', provider: 'secondary', cost: expect.any(Number) });
  });

  it('a plain 400 is not retried elsewhere: every provider would refuse it', async () => {
    mock.script('anthropic', { target: 'primary', fault: { type: 'status', status: 400, message: 'messages.0: bad' } });
    await expect(ask(client(), stream)).rejects.toMatchObject({ status: 400 });
    expect(mock.requests.map((r) => r.target)).toEqual(['primary']);
  });
});

describe('after the first token', () => {
  it('a failure ends the stream with an error event and never falls back', async () => {
    mock.script('anthropic', { target: 'primary', text: 'one two three four five six', fault: { type: 'cut', afterChunks: 5 } });
    let text = '';
    await expect(
      (async () => {
        for await (const chunk of await client().chat.completions.create({ ...body, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(text.length).toBeGreaterThan(0);
    expect(mock.requests.map((r) => r.target)).toEqual(['primary']);
    expect(records[0]).toMatchObject({ status: 'error', provider: 'primary' });
  });
});

describe('a bad key', () => {
  it('rules out every model of that provider, and the next provider answers', async () => {
    mock.script('anthropic', { target: 'primary', fault: { type: 'status', status: 401 } });
    mock.script('openai', { target: 'secondary', text: 'ok' });
    const c = client();
    const completion = await c.chat.completions.create({
      model: 'primary/claude-sonnet-4-5',
      models: ['primary/claude-haiku-4-5', 'secondary/gpt-4o-mini'],
      messages: [{ role: 'user', content: 'hi' }],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(completion.choices[0]!.message.content).toBe('ok');
    expect(records[0]!.attempts.map((a) => `${a.provider}/${a.model}:${a.status}`)).toEqual([
      'primary/claude-sonnet-4-5:error',
      'primary/claude-haiku-4-5:skipped',
      'secondary/gpt-4o-mini:ok',
    ]);
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures, skips the provider, and recovers through a probe', async () => {
    let now = 0;
    const c = client({ health: { options: { failureThreshold: 3, cooldownMs: 60_000, now: () => now } } });
    for (let i = 0; i < 3; i++) {
      mock.script('anthropic', { target: 'primary', fault: { type: 'status', status: 503 } });
      expect(await ask(c, false)).toContain('Mock openai answer');
    }
    mock.reset();
    records.length = 0;
    expect(await ask(c, true)).toContain('Mock openai answer');
    expect(mock.requests.map((r) => r.target)).toEqual(['secondary']);
    expect(records[0]!.attempts[0]).toMatchObject({ provider: 'primary', status: 'skipped', code: 'circuit_open' });

    now += 60_000;
    mock.reset();
    mock.script('anthropic', { target: 'primary', text: 'primary is back' });
    expect(await ask(c, false)).toBe('primary is back');
    expect(mock.requests.map((r) => r.target)).toEqual(['primary']);
    expect(await ask(c, false)).toContain('Mock anthropic answer');
  });

  it('with every candidate cooling down, tries the one whose cooldown ends first instead of refusing unsent', async () => {
    let now = 0;
    const c = client({ health: { options: { failureThreshold: 1, cooldownMs: 30_000, now: () => now } } });
    mock.script('openai', { target: 'secondary', fault: { type: 'status', status: 503 } });
    now = 5_000;
    mock.script('anthropic', { target: 'primary', fault: { type: 'status', status: 503 } });
    await expect(ask(c, false)).rejects.toMatchObject({ status: 503 });
    // primary paused at 5 s (until 35 s), secondary at 5 s as well: primary comes first in order,
    // so pause secondary later to make it the one due last.
    now = 10_000;
    mock.reset();
    records.length = 0;
    expect(await ask(c, false)).toContain('Mock anthropic answer');
    expect(mock.requests.map((r) => r.target)).toEqual(['primary']);
    expect(records[0]!.attempts.map((a) => `${a.provider}:${a.status}`)).toEqual(['primary:skipped', 'secondary:skipped', 'primary:ok']);
    expect(records[0]!.route).toContain('every candidate was paused: tried primary/claude-sonnet-4-5');
  });
});

describe('health per endpoint', () => {
  const twoModels = { model: 'secondary/o3', models: ['secondary/gpt-4o-mini'], messages: [{ role: 'user' as const, content: 'hi' }] };
  const healthOptions = () => ({ health: { options: { failureThreshold: 3, cooldownMs: 60_000, now: () => 0 } } });

  it('an overloaded model pauses alone: its sibling at the same provider keeps answering', async () => {
    const c = client(healthOptions());
    for (let i = 0; i < 3; i++) {
      mock.script('openai', { target: 'secondary', model: 'o3', fault: { type: 'status', status: 503 } });
      await c.chat.completions.create({ ...twoModels, model: 'secondary/o3', models: [] } as never).catch(() => undefined);
    }
    mock.reset();
    records.length = 0;
    const completion = await c.chat.completions.create({ model: 'secondary/gpt-4o-mini', messages: twoModels.messages });
    expect(completion.choices[0]!.message.content).toContain('Mock openai answer');
    expect(mock.requests.map((r) => r.body.model)).toEqual(['gpt-4o-mini']);

    // The paused model is passed over for its sibling in a fallback chain.
    records.length = 0;
    mock.reset();
    await c.chat.completions.create(twoModels as never);
    expect(records[0]!.attempts.map((a) => `${a.model}:${a.status}`)).toEqual(['o3:skipped', 'gpt-4o-mini:ok']);
    expect(mock.requests.map((r) => r.body.model)).toEqual(['gpt-4o-mini']);
  });

  it.each([
    { name: 'connection refused', fault: { type: 'refuse' } as Fault },
    { name: 'a refused key (401)', fault: { type: 'status', status: 401 } as Fault },
  ])('$name pauses the whole provider', async ({ fault }) => {
    const c = client(healthOptions());
    for (let i = 0; i < 3; i++) {
      mock.script('openai', { target: 'secondary', fault });
      await c.chat.completions.create({ model: 'secondary/o3', messages: twoModels.messages }).catch(() => undefined);
    }
    mock.reset();
    records.length = 0;
    const completion = await c.chat.completions.create({ model: 'secondary/gpt-4o-mini', models: ['primary/claude-haiku-4-5'], messages: twoModels.messages } as never);
    expect((completion as unknown as { provider: string }).provider).toBe('primary');
    expect(records[0]!.attempts.map((a) => `${a.provider}/${a.model}:${a.status}:${a.code ?? ''}`)).toEqual([
      'secondary/gpt-4o-mini:skipped:circuit_open',
      'primary/claude-haiku-4-5:ok:',
    ]);
  });

  it('a model failure after the host was paused shows the host answers again: its breaker closes', async () => {
    let now = 0;
    const c = client({ health: { options: { failureThreshold: 1, cooldownMs: 1_000, now: () => now } } });
    mock.script('openai', { target: 'secondary', fault: { type: 'refuse' } });
    await c.chat.completions.create({ model: 'secondary/o3', messages: twoModels.messages }).catch(() => undefined);
    now = 1_000;
    mock.script('openai', { target: 'secondary', model: 'o3', fault: { type: 'status', status: 503 } });
    await c.chat.completions.create({ model: 'secondary/o3', messages: twoModels.messages }).catch(() => undefined);
    mock.reset();
    records.length = 0;
    const completion = await c.chat.completions.create({ model: 'secondary/gpt-4o-mini', messages: twoModels.messages });
    expect(completion.choices[0]!.message.content).toContain('Mock openai answer');
    expect(records[0]!.attempts.map((a) => a.status)).toEqual(['ok']);
  });
});

describe('timeouts per provider and per request', () => {
  it('a provider’s own first-token limit moves the request on', async () => {
    const slowPrimary = providers.map((p) => (p.id === 'primary' ? { ...p, timeouts: { firstTokenMs: 50 } } : p));
    const gateway = createGateway({ providers: slowPrimary, catalog: shippedCatalog(), onRecord: (r) => records.push(r), retry: { maxRetries: 0 }, timeouts: { firstTokenMs: 5_000 } });
    const c = new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
    mock.script('anthropic', { target: 'primary', fault: { type: 'delay', ms: 400 } });
    mock.script('openai', { target: 'secondary', text: 'quick' });
    expect(await ask(c, false)).toBe('quick');
    expect(records[0]!.attempts[0]).toMatchObject({ provider: 'primary', code: 'timeout', error: expect.stringContaining('no first token within 0.1 s') });
  });

  it('the request’s own limits win, including the connect limit', async () => {
    mock.script('anthropic', { target: 'primary', fault: { type: 'hang' } });
    mock.script('openai', { target: 'secondary', fault: { type: 'hang' } });
    const started = Date.now();
    const error = await client({ timeouts: { firstTokenMs: 10_000 } })
      .chat.completions.create({ ...body, timeouts: { connect_ms: 80 } } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 504 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(records[0]!.attempts.map((a) => a.error)).toEqual([expect.stringContaining('no response headers within'), expect.stringContaining('no response headers within')]);
  });
});
