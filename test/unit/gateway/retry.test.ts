import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../lib/gateway/errors';
import { DEFAULT_RETRY, retryDelay } from '../../../lib/gateway/retry';
import { useHarness } from '../../support/gateway-harness';

describe('retry delays', () => {
  it('backs off exponentially with jitter, within the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelay(0, policy, undefined, () => 0)).toBe(50);
    expect(retryDelay(0, policy, undefined, () => 1)).toBe(100);
    expect(retryDelay(3, policy, undefined, () => 1)).toBe(800);
    expect(retryDelay(10, policy, undefined, () => 1)).toBe(1_000);
  });

  it('honours Retry-After up to its cap', () => {
    expect(retryDelay(0, DEFAULT_RETRY, 3_000)).toBe(3_000);
    expect(retryDelay(0, DEFAULT_RETRY, DEFAULT_RETRY.maxRetryAfterMs + 1)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('garbage', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('retries through the gateway', () => {
  const h = useHarness();

  it('waits for the Retry-After (in seconds) of a 429, then answers', async () => {
    h.mock.script('anthropic', { fault: { type: 'status', status: 429, retryAfter: '1' } }, { text: 'second time lucky' });
    const started = Date.now();
    const completion = await h.client().chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    const waited = Date.now() - started;
    expect(completion.choices[0]!.message.content).toBe('second time lucky');
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3_000);
    expect(h.records[0]!.attempts.map((a) => a.status)).toEqual(['error', 'ok']);
  });

  it('waits for a Retry-After given as an HTTP date', async () => {
    const when = new Date(Date.now() + 2_000).toUTCString();
    h.mock.script('openai', { fault: { type: 'status', status: 503, retryAfter: when } }, { text: 'back' });
    const started = Date.now();
    const stream = await h.client().chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('back');
    // HTTP dates have one-second resolution.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives up after the retry rounds, with bounded attempts', async () => {
    h.mock.script('ollama', { fault: { type: 'status', status: 500 }, times: 10 });
    const client = h.client({ retry: { maxRetries: 2, baseDelayMs: 20 } });
    const error = await client.chat.completions.create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502 });
    expect(h.mock.requests).toHaveLength(3);
    expect(h.records).toHaveLength(1);
  });

  it('does not retry what would fail again', async () => {
    h.mock.script('gemini', { fault: { type: 'status', status: 400, message: 'bad schema' }, times: 5 });
    await h.client().chat.completions.create({ model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);
    expect(h.mock.requests).toHaveLength(1);
  });
});
