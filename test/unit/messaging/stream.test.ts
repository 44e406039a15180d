import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createStreamReceiver, openStream } from '../../../lib/messaging/stream';
import { createPortPair } from '../../support/fake-ports';

const contract = {
  count: { input: z.object({ to: z.int() }), chunk: z.object({ n: z.number() }) },
  broken: { input: z.object({}), chunk: z.object({ n: z.number() }) },
};

function setup(onAbort?: () => void) {
  const { client, server, log } = createPortPair();
  const serve = createStreamReceiver(contract, {
    async *count({ to }, { signal }) {
      signal.addEventListener('abort', () => onAbort?.());
      for (let n = 1; n <= to; n++) {
        if (signal.aborted) return;
        yield { n };
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    async *broken() {
      yield { n: 1 };
      throw new Error('upstream cut the connection');
    },
  });
  const served = serve(server, undefined);
  return { connect: () => client, served, log };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('streams over ports', () => {
  it('delivers every chunk in order, then ends', async () => {
    const { connect, served } = setup();
    const chunks = await collect(openStream(contract, connect, 'count', { to: 5 }));
    expect(chunks.map((c) => c.n)).toEqual([1, 2, 3, 4, 5]);
    await served;
  });

  it('turns a handler failure into an error after the chunks already sent', async () => {
    const { connect } = setup();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of openStream(contract, connect, 'broken', {})) seen.push(chunk.n);
      })(),
    ).rejects.toMatchObject({ code: 'internal_error', message: 'upstream cut the connection' });
    expect(seen).toEqual([1]);
  });

  it('aborting the caller’s signal stops the handler upstream', async () => {
    let aborted = false;
    const { connect, served } = setup(() => (aborted = true));
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of openStream(contract, connect, 'count', { to: 1000 }, { signal: controller.signal })) {
          seen.push(chunk.n);
          if (chunk.n === 3) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ code: 'aborted' });
    await served;
    expect(aborted).toBe(true);
    expect(seen.length).toBeLessThan(10);
  });

  it('breaking out of the loop also stops the handler', async () => {
    let aborted = false;
    const { connect, served } = setup(() => (aborted = true));
    for await (const chunk of openStream(contract, connect, 'count', { to: 1000 })) {
      if (chunk.n === 2) break;
    }
    await served;
    expect(aborted).toBe(true);
  });

  it('rejects an unknown stream type with a clear error', async () => {
    const { connect } = setup();
    const forged = { ...contract, nope: contract.count };
    await expect(collect(openStream(forged, connect, 'nope', { to: 1 }))).rejects.toMatchObject({ code: 'unknown_type' });
  });

  it('reports a receiver that goes away mid-stream', async () => {
    const { client, server } = createPortPair();
    server.onMessage.addListener(() => {
      server.postMessage({ t: 'chunk', data: { n: 1 } });
      server.disconnect();
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of openStream(contract, () => client, 'count', { to: 3 })) seen.push(chunk.n);
      })(),
    ).rejects.toMatchObject({ code: 'disconnected' });
    expect(seen).toEqual([1]);
  });
});

describe('streamed chunks batched over the port', () => {
  const paced = {
    words: { input: z.object({ words: z.array(z.string()) }), chunk: z.object({ text: z.string() }), shown: (chunk: { text: string }) => chunk.text !== '' },
  };

  it('sends the first word at once and the fast ones after it in fewer messages, every word delivered in order', async () => {
    const { client, server, log } = createPortPair();
    const serve = createStreamReceiver(paced, {
      async *words({ words }) {
        yield { text: '' };
        for (const text of words) {
          yield { text };
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      },
    });
    void serve(server, undefined);
    const words = Array.from({ length: 60 }, (_, i) => `w${i} `);
    const chunks = await collect(openStream(paced, () => client, 'words', { words }));
    expect(chunks.map((c) => c.text).join('')).toBe(words.join(''));
    const frames = log.filter((m): m is { t: string } => typeof m === 'object' && m !== null && 't' in m && m.t !== 'start');
    expect(frames.slice(0, 2)).toEqual([
      { t: 'chunk', data: { text: '' } },
      { t: 'chunk', data: { text: 'w0 ' } },
    ]);
    expect(frames.some((f) => f.t === 'chunks')).toBe(true);
    expect(frames.length).toBeLessThan(40);
    expect(frames.at(-1)).toEqual({ t: 'done' });
  });

  it('sends the chunks it holds before a failure', async () => {
    const { client, server } = createPortPair();
    const serve = createStreamReceiver(paced, {
      async *words() {
        yield { text: 'a' };
        yield { text: 'b' };
        yield { text: 'c' };
        throw new Error('upstream cut the connection');
      },
    });
    void serve(server, undefined);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of openStream(paced, () => client, 'words', { words: [] })) seen.push(chunk.text);
      })(),
    ).rejects.toMatchObject({ message: 'upstream cut the connection' });
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('turns a malformed batch into a clear error', async () => {
    const { client, server } = createPortPair();
    server.onMessage.addListener(() => server.postMessage({ t: 'chunks', data: 'not a list' }));
    await expect(collect(openStream(paced, () => client, 'words', { words: [] }))).rejects.toMatchObject({ code: 'invalid_message' });
  });
});
