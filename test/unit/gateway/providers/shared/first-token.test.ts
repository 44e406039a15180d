import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from '../../../../../lib/gateway/providers/anthropic';
import { openAiAdapter } from '../../../../../lib/gateway/providers/openai';
import type { StreamPart } from '../../../../../lib/gateway/providers/types';
import { context, fixtureStream, fixtureText } from '../../../../support/fixtures';

/** The batches of a stream, in order. */
async function batchesOf(parts: AsyncIterable<StreamPart[]>): Promise<StreamPart[][]> {
  const batches: StreamPart[][] = [];
  for await (const batch of parts) batches.push([...batch]);
  return batches;
}

describe('the first token goes on before the rest of its network read is parsed', () => {
  it('OpenAI format: a read holding the whole answer yields the model and first text first, then the rest', async () => {
    const whole = fixtureText('openai/text.chunks.txt');
    const batches = await batchesOf(openAiAdapter.parseStream(fixtureStream('openai/text.chunks.txt', whole.length), context({ kind: 'openai' }, 'gpt-4o-mini', true)));
    expect(batches[0]).toEqual([
      { type: 'model', model: 'gpt-4o-mini-2024-07-18' },
      { type: 'text', text: 'Hello' },
    ]);
    const rest = batches.slice(1).flat();
    expect(rest.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')).toBe(', world!');
    expect(rest.map((p) => p.type)).toContain('finish');
    expect(rest.map((p) => p.type)).toContain('usage');
  });

  it('Anthropic format: the same, through the shared batching', async () => {
    const whole = fixtureText('anthropic/text.chunks.txt');
    const batches = await batchesOf(anthropicAdapter.parseStream(fixtureStream('anthropic/text.chunks.txt', whole.length), context({ kind: 'anthropic' }, 'claude', true)));
    expect(batches[0]!.at(-1)?.type).toBe('text');
    expect(batches[0]!.filter((p) => p.type === 'text')).toHaveLength(1);
    expect(batches.slice(1).flat().map((p) => p.type)).toContain('finish');
  });

  it('splits only once: later reads go on as one batch each', async () => {
    const whole = fixtureText('openai/text.chunks.txt');
    const half = whole.indexOf('data:', whole.length / 2);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(whole.slice(0, half)));
        controller.enqueue(new TextEncoder().encode(whole.slice(half)));
        controller.close();
      },
    });
    const batches = await batchesOf(openAiAdapter.parseStream(body, context({ kind: 'openai' }, 'gpt-4o-mini', true)));
    // the first read: split at its first token; the second read: one batch.
    expect(batches).toHaveLength(3);
  });
});
