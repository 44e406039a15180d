import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chunkBatcher } from '../../../lib/messaging/chunk-batcher';

type Chunk = { text: string };
const shown = (chunk: unknown) => (chunk as Chunk).text !== '';

function setup() {
  const sent: { at: number; texts: string[] }[] = [];
  const batcher = chunkBatcher(
    (frame) => sent.push({ at: Date.now(), texts: (frame.t === 'chunk' ? [frame.data as Chunk] : (frame.data as Chunk[])).map((c) => c.text) }),
    shown,
    { intervalMs: 16, now: () => Date.now() },
  );
  return { sent, add: (text: string) => batcher.add({ text }), flush: () => batcher.flush() };
}

describe('chunk batcher', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1000 }));
  afterEach(() => vi.useRealTimers());

  it('sends each chunk alone and at once up to the first one that shows something', () => {
    const { sent, add } = setup();
    add('');
    add('');
    add('Hello');
    expect(sent).toEqual([
      { at: 1000, texts: [''] },
      { at: 1000, texts: [''] },
      { at: 1000, texts: ['Hello'] },
    ]);
  });

  it('then sends what arrives within an interval together, an interval after the last message', () => {
    const { sent, add } = setup();
    add('Hello');
    vi.advanceTimersByTime(3);
    add(' wor');
    vi.advanceTimersByTime(3);
    add('ld');
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(10);
    expect(sent[1]).toEqual({ at: 1016, texts: [' wor', 'ld'] });
    add('!');
    vi.advanceTimersByTime(15);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent[2]).toEqual({ at: 1032, texts: ['!'] });
  });

  it('sends a chunk after a quiet interval without waiting', () => {
    const { sent, add } = setup();
    add('Hello');
    vi.advanceTimersByTime(100);
    add(' again');
    vi.advanceTimersByTime(0);
    expect(sent[1]).toEqual({ at: 1100, texts: [' again'] });
  });

  it('flush sends what is held at once and leaves no timer behind', () => {
    const { sent, add, flush } = setup();
    add('Hello');
    add(' there');
    flush();
    expect(sent.map((s) => s.texts)).toEqual([['Hello'], [' there']]);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
    flush();
    expect(sent).toHaveLength(2);
  });
});
