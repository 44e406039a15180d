import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CHANNEL, createCallReceiver, createCaller, isCallMessage, MessagingError } from '../../../lib/messaging/rpc';

const contract = {
  add: { input: z.object({ a: z.number(), b: z.number() }), output: z.object({ sum: z.number() }) },
  fail: { input: z.object({}), output: z.object({}) },
  lie: { input: z.object({}), output: z.object({ n: z.number() }) },
};

const receive = createCallReceiver(contract, {
  add: ({ a, b }) => ({ sum: a + b }),
  fail: () => {
    throw new MessagingError('page_unreadable', 'No page here.');
  },
  lie: () => ({ n: 'not a number' }) as unknown as { n: number },
});
const call = createCaller(contract, async (message) => receive(message, undefined));

describe('typed calls', () => {
  it('round-trips a valid call', async () => {
    await expect(call('add', { a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
  });

  it('carries the handler’s error code and message to the caller', async () => {
    await expect(call('fail', {})).rejects.toMatchObject({ code: 'page_unreadable', message: 'No page here.' });
  });

  it('refuses a handler answer that breaks the contract', async () => {
    await expect(call('lie', {})).rejects.toMatchObject({ code: 'invalid_message' });
  });

  it('refuses bad input before sending', async () => {
    await expect(call('add', { a: 1, b: 'x' } as never)).rejects.toBeInstanceOf(z.core.$ZodError);
  });

  it('answers forged messages with a clear error and never runs the handler', async () => {
    await expect(receive({ channel: CHANNEL, type: 'add', payload: { a: 1 } }, undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_message' },
    });
    await expect(receive({ channel: CHANNEL, type: 'toString', payload: {} }, undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_type' },
    });
  });

  it('leaves other extensions’ messages to other listeners', () => {
    expect(receive({ hello: 'world' }, undefined)).toBeUndefined();
    expect(receive('ping', undefined)).toBeUndefined();
    expect(isCallMessage({ channel: CHANNEL, type: 'add', payload: null })).toBe(true);
    expect(isCallMessage({ channel: 'other', type: 'add' })).toBe(false);
  });

  it('reports a missing receiver instead of hanging', async () => {
    const silent = createCaller(contract, async () => undefined);
    await expect(silent('add', { a: 1, b: 1 })).rejects.toMatchObject({ code: 'no_reply' });
  });
});
