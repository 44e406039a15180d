import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type GatewayOptions, type UsageRecord } from '../../../lib/gateway';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';
import { shippedCatalog } from '../../support/fixtures';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function gateway(options: Partial<GatewayOptions>) {
  return createGateway({
    providers: [{ id: 'openai', preset: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai'), apiKey: 'k' }],
    catalog: shippedCatalog(),
    retry: { maxRetries: 0 },
    ...options,
  });
}

const post = (body: unknown) =>
  new Request('http://x/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the write-ahead hooks', () => {
  it('report the request before anything is sent, then its progress while it streams, then its end', async () => {
    const started: { record: UsageRecord; sentBefore: number }[] = [];
    const progress: UsageRecord[] = [];
    const ended: UsageRecord[] = [];
    const gw = gateway({
      onStart: (record) => void started.push({ record, sentBefore: mock.requests.length }),
      onProgress: (record) => progress.push(record),
      onRecord: (record) => ended.push(record),
      progressEveryMs: 0,
    });
    mock.script('openai', { text: 'one two three four five six seven eight', chunkDelayMs: 5 });
    const response = await gw.fetch(post({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'count' }] }));
    await response.text();

    expect(started).toHaveLength(1);
    expect(started[0]!.sentBefore).toBe(0);
    expect(started[0]!.record).toMatchObject({ status: 'in_progress', provider: 'openai', usageEstimated: true });
    expect(started[0]!.record.usage.prompt).toBeGreaterThan(0);

    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((r) => r.id === started[0]!.record.id && r.status === 'in_progress')).toBe(true);
    const completions = progress.map((r) => r.usage.completion);
    expect(completions).toEqual([...completions].sort((a, b) => a - b));
    expect(completions.at(-1)).toBeGreaterThan(completions[0]!);
    expect(progress.at(-1)!.cost).toBeGreaterThan(0);
    expect(progress.at(-1)!.attempts.at(-1)).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', code: 'interrupted' });

    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ id: started[0]!.record.id, status: 'ok' });
  });

  it('a request that cannot be recorded first is not sent, and says why', async () => {
    const ended: UsageRecord[] = [];
    const gw = gateway({
      onStart: () => {
        throw new Error('QuotaExceededError');
      },
      onRecord: (record) => ended.push(record),
    });
    const response = await gw.fetch(post({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'ledger_unavailable', message: expect.stringContaining('QuotaExceededError') } });
    expect(mock.requests).toHaveLength(0);
    expect(ended).toHaveLength(1);
  });
  it('hold a stream’s last events until the promise onRecord returned settles, so a stream never ends before its record is kept', async () => {
    let keep!: () => void;
    const kept = new Promise<void>((resolve) => (keep = resolve));
    const ended: UsageRecord[] = [];
    const gw = gateway({ onRecord: (record) => (ended.push(record), kept) });
    mock.script('openai', { text: 'one two three' });
    const response = await gw.fetch(post({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'count' }] }));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    // Everything up to the end arrives while the record is being kept; then reading waits.
    let pending: Promise<ReadableStreamReadResult<string>> | undefined;
    for (;;) {
      const next = reader.read();
      const read = await Promise.race([next, new Promise<'waiting'>((resolve) => setTimeout(resolve, 100, 'waiting'))]);
      if (read === 'waiting') {
        pending = next;
        break;
      }
      if (read.done) break;
      text += read.value;
    }
    expect(pending).toBeDefined();
    expect(ended).toHaveLength(1);
    expect(text).toContain('three');
    expect(text).not.toContain('[DONE]');
    keep();
    text += (await pending!).value ?? '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
    expect(text).toContain('"finish_reason":"stop"');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('answer as usual when onRecord’s promise fails: the listener’s trouble is not the request’s', async () => {
    const gw = gateway({ onRecord: () => Promise.reject(new Error('ledger down')) });
    mock.script('openai', { text: 'fine' });
    const response = await gw.fetch(post({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    expect(await response.text()).toContain('data: [DONE]');
  });
});
