import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../mock-provider/server';
import { FORMAT_CASES, useHarness } from '../../support/gateway-harness';

const h = useHarness();
let client: OpenAI;
beforeEach(() => {
  // A fresh gateway per test (its own health), with retries off: these tests pin how each fault reads.
  client = h.client({ timeouts: { firstTokenMs: 400, idleMs: 400, totalMs: 5_000 }, retry: { maxRetries: 0 } });
});

interface Expected {
  status: number;
  code: string;
}

/** Each scripted fault and the error the caller must see, before any token was sent. */
const FAULTS: { name: string; fault: Fault; expect: (format: string) => Expected }[] = [
  { name: 'HTTP 400', fault: { type: 'status', status: 400, message: 'Bad field foo' }, expect: () => ({ status: 400, code: 'provider_bad_request' }) },
  { name: 'HTTP 401', fault: { type: 'status', status: 401, message: 'Key revoked' }, expect: () => ({ status: 401, code: 'invalid_api_key' }) },
  { name: 'HTTP 404', fault: { type: 'status', status: 404, message: 'No such model' }, expect: () => ({ status: 404, code: 'model_not_found' }) },
  { name: 'HTTP 429', fault: { type: 'status', status: 429, message: 'Too many', retryAfter: '2' }, expect: () => ({ status: 429, code: 'rate_limited' }) },
  { name: 'HTTP 500', fault: { type: 'status', status: 500, message: 'Boom' }, expect: () => ({ status: 502, code: 'provider_error' }) },
  { name: 'HTTP 503', fault: { type: 'status', status: 503, message: 'Overloaded' }, expect: () => ({ status: 503, code: 'provider_overloaded' }) },
  { name: 'HTTP 529', fault: { type: 'status', status: 529, message: 'Overloaded' }, expect: () => ({ status: 503, code: 'provider_overloaded' }) },
  { name: 'connection refused', fault: { type: 'refuse' }, expect: () => ({ status: 502, code: 'connection_failed' }) },
  { name: 'no answer at all', fault: { type: 'hang' }, expect: () => ({ status: 504, code: 'timeout' }) },
];

async function failure(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

async function drain(stream: AsyncIterable<OpenAI.ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

describe.each(FORMAT_CASES)('faults of $format', ({ format, model }) => {
  describe.each([false, true])('stream: %s', (stream) => {
    it.each(FAULTS)('$name → the documented error, one record', async ({ fault, expect: expected }) => {
      h.mock.script(format, { fault, text: 'never seen' });
      const { status, code } = expected(format);
      const request = { model, messages: [{ role: 'user' as const, content: 'hello' }] };
      const error = await failure(stream ? client.chat.completions.create({ ...request, stream: true }).then(drain) : client.chat.completions.create(request));
      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
      expect(h.records).toHaveLength(1);
      expect(h.records[0]).toMatchObject({ status: 'error', error: { status, code } });
    });
  });

  it('a stream cut after the first tokens ends with an error event, and the record keeps the partial answer', async () => {
    h.mock.script(format, { text: 'alpha beta gamma delta epsilon zeta eta theta', fault: { type: 'cut', afterChunks: 5 } });
    let text = '';
    const error = await failure(
      (async () => {
        const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }], stream: true });
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
    );
    expect(text.length).toBeGreaterThan(0);
    expect(error.message).toMatch(/connection was cut|could not connect|stream ended/);
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ status: 'error', usageEstimated: true });
    expect(h.records[0]!.usage.completion).toBeGreaterThan(0);
  });

  it('a provider error event mid-stream becomes one SSE error event', async () => {
    h.mock.script(format, { text: 'alpha beta gamma delta epsilon', fault: { type: 'stream-error', afterChunks: 3, message: 'Mock overloaded mid-stream' } });
    const error = await failure(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }], stream: true }).then(drain));
    expect(error.message).toContain('Mock overloaded mid-stream');
    expect(h.records).toHaveLength(1);
    expect(h.records[0]!.status).toBe('error');
  });

  it('malformed stream data → a clear error, never a hang', async () => {
    h.mock.script(format, { text: 'alpha beta gamma', fault: { type: 'malformed', afterChunks: 2 } });
    const error = await failure(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }], stream: true }).then(drain));
    expect(error.message).toMatch(/could not read|malformed/i);
    expect(h.records).toHaveLength(1);
  });

  it('a non-stream answer that is not JSON → 502', async () => {
    h.mock.script(format, { fault: { type: 'malformed' } });
    const error = await failure(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }] }));
    expect(error.status).toBe(502);
    expect(error.code).toBe('provider_bad_response');
  });

  it('a non-stream answer cut halfway → 502', async () => {
    h.mock.script(format, { fault: { type: 'cut', afterChunks: 0 } });
    const error = await failure(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }] }));
    expect(error.status).toBe(502);
    expect(h.records).toHaveLength(1);
  });

  it('a slow provider is waited for', async () => {
    h.mock.script(format, { text: 'late but fine', fault: { type: 'delay', ms: 100 } });
    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }] });
    expect(completion.choices[0]!.message.content).toBe('late but fine');
  });

  it('a stream that goes silent mid-answer times out with an error event', async () => {
    h.mock.script(format, { text: 'one two three four five six', fault: { type: 'stall', afterChunks: 4, ms: 900 } });
    const error = await failure(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }], stream: true }).then(drain));
    expect(error.message).toMatch(/no stream chunk within/);
    expect(h.records[0]).toMatchObject({ status: 'error', error: { code: 'timeout' } });
  });

  it('aborting mid-stream cancels the upstream request and records "aborted"', async () => {
    h.mock.script(format, { text: 'a b c d e f g h i j k l m n o p', chunkDelayMs: 30 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model, messages: [{ role: 'user', content: 'go' }], stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    try {
      for await (const _chunk of stream) {
        if (++chunks === 2) controller.abort();
      }
    } catch {
      // the SDK may end the loop quietly or throw an abort error: both are fine
    }
    await expect.poll(() => h.records.length).toBe(1);
    expect(h.records[0]).toMatchObject({ status: 'aborted', attempts: [expect.objectContaining({ status: 'aborted' })] });
  });

  it('aborting before the answer records "aborted"', async () => {
    h.mock.script(format, { fault: { type: 'delay', ms: 300 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      client.chat.completions.create({ model, messages: [{ role: 'user', content: 'go' }] }, { signal: controller.signal }),
    ).rejects.toThrow();
    await expect.poll(() => h.records.length).toBe(1);
    expect(h.records[0]!.status).toBe('aborted');
  });
});
