import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type ProviderConfig, type UsageRecord } from '../../../lib/gateway';
import { REDACTED, sentRequestOf } from '../../../lib/gateway/details';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';
import { shippedCatalog } from '../../support/fixtures';

let mock: MockProvider;
let providers: ProviderConfig[];
let records: UsageRecord[];
const KEYS = ['sk-ant-details-secret-1', 'sk-openai-details-secret-2'];

beforeAll(async () => {
  mock = await startMockProvider();
  providers = [
    { id: 'primary', preset: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic', 'primary'), apiKey: KEYS[0] },
    { id: 'secondary', preset: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai', 'secondary'), apiKey: KEYS[1] },
  ];
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  records = [];
});

function client(keepDetails: boolean) {
  const gateway = createGateway({ providers, onRecord: (r) => records.push(r), retry: { maxRetries: 0 }, catalog: shippedCatalog(), keepDetails });
  return new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
}

const body = { model: 'primary/claude-sonnet-4-5', models: ['secondary/gpt-4o-mini'], messages: [{ role: 'user' as const, content: 'hello details' }] };

describe('request details', () => {
  it.each([false, true])('keep what was received, what each provider was sent after mapping, its error and the answer, with no key (stream: %s)', async (stream) => {
    mock.script('anthropic', { fault: { type: 'status', status: 529, message: 'Overloaded for the details test' } });
    mock.script('openai', { text: 'Fallback answer.', toolCalls: [] });
    const c = client(true);
    if (stream) for await (const _ of await c.chat.completions.create({ ...body, stream: true })) void _;
    else await c.chat.completions.create(body);
    const [record] = records;
    const details = record!.details!;
    expect(details.received).toMatchObject({ model: 'primary/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hello details' }] });
    expect(details.exchanges).toHaveLength(record!.attempts.length);
    const [first, second] = details.exchanges;
    // Anthropic's Messages body for the first, OpenAI's for the fallback: each as its provider got it.
    expect(first!.sent.url).toMatch(/\/anthropic\/v1\/messages$/);
    expect(JSON.parse(first!.sent.body!)).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: expect.any(Number), messages: [{ role: 'user' }] });
    expect(first!.status).toBe(529);
    expect(first!.errorBody).toContain('Overloaded for the details test');
    expect(second!.sent.url).toMatch(/\/openai\/v1\/chat\/completions$/);
    expect(JSON.parse(second!.sent.body!)).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello details' }] });
    expect(second!.errorBody).toBeUndefined();
    // Each attempt's timings: when it started after the request, and when its provider's headers came.
    const [tried, answered] = record!.attempts;
    expect(tried!.startMs).toBeGreaterThanOrEqual(0);
    expect(answered!.startMs).toBeGreaterThanOrEqual(tried!.startMs! + tried!.ms - 1);
    expect(tried!.headersMs).toBeGreaterThanOrEqual(0);
    expect(answered!.headersMs).toBeLessThanOrEqual(answered!.ms + 1);
    expect(details.answer).toMatchObject({ text: 'Fallback answer.' });
    // The prices it was charged at: gpt-4o-mini's, per million tokens.
    expect(details.rates).toMatchObject({ input: 0.15, output: 0.6 });
    // The keys were sent (the mock checks them), but are nowhere in what is kept.
    const kept = JSON.stringify(details);
    for (const key of KEYS) expect(kept).not.toContain(key);
    expect(first!.sent.headers['x-api-key']).toBe(REDACTED);
    expect(second!.sent.headers.authorization).toBe(REDACTED);
  });

  it('keep a Messages request as it came, beside the chat request it was answered as', async () => {
    mock.script('anthropic', { text: 'From the Messages face.' });
    const gateway = createGateway({ providers, onRecord: (r) => records.push(r), retry: { maxRetries: 0 }, catalog: shippedCatalog(), keepDetails: true });
    const response = await gateway.fetch(
      new Request('http://x/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'primary/claude-sonnet-4-5', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'face to face' }] }),
      }),
    );
    expect(response.status).toBe(200);
    await response.text();
    const details = records.at(-1)!.details!;
    expect(details.received).toMatchObject({ system: 'Be brief.', max_tokens: 100, messages: [{ role: 'user', content: 'face to face' }] });
    expect(details.asChat).toMatchObject({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'face to face' }] });
    expect(details.answer?.text).toBe('From the Messages face.');
  });

  it('are not kept unless asked for', async () => {
    mock.script('anthropic', { text: 'Plain.' });
    await client(false).chat.completions.create(body);
    expect(records[0]!.details).toBeUndefined();
  });

  it('hide a key in the address, and every header that carries one', () => {
    const sent = sentRequestOf({
      url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=AIza-secret&alt=sse',
      init: { method: 'POST', headers: { 'x-goog-api-key': 'AIza-secret', 'X-Amz-Security-Token': 'tok', 'content-type': 'application/json' }, body: '{}' },
    });
    expect(sent.url).not.toContain('AIza-secret');
    expect(sent.url).toContain('alt=sse');
    expect(sent.headers).toEqual({ 'x-goog-api-key': REDACTED, 'X-Amz-Security-Token': REDACTED, 'content-type': 'application/json' });
  });
});
