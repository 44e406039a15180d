import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { memoryResponseStore, responsesEndpointWith, type ResponseStore } from '../../../lib/gateway';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

function clientFor(store: ResponseStore, owner: string) {
  const gateway = createGatewayWith({ providers: h.providers, catalog: shippedCatalog(), responses: responsesEndpointWith({ store, owner }), onRecord: (r) => h.records.push(r) });
  return new OpenAI({ baseURL: 'http://switchyard.local/v1', apiKey: 'unused', maxRetries: 0, fetch: (url, init) => gateway.fetch(new Request(url, init)) });
}

const userTexts = () => ((h.mock.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] }).messages ?? []).map((m) => `${m.role}: ${JSON.stringify(m.content)}`);

describe('stored responses (store: true) on any provider', () => {
  it('continues a conversation by previous_response_id, streamed or not, and reads it back', async () => {
    const store = memoryResponseStore();
    const client = clientFor(store, 'ann');
    h.mock.script('anthropic', { text: 'Track 7.' });
    const first = await client.responses.create({ model: 'anthropic/claude-sonnet-4-5', instructions: 'Be brief.', input: 'Which track does the 08:15 leave from?' });
    expect(first).toMatchObject({ store: true, previous_response_id: null });

    h.mock.script('anthropic', { text: 'At 08:15, from track 7.', chunks: 3 });
    const second = await client.responses.stream({ model: 'anthropic/claude-sonnet-4-5', previous_response_id: first.id, input: 'And when?' }).finalResponse();
    expect(second).toMatchObject({ store: true, previous_response_id: first.id, output_text: 'At 08:15, from track 7.' });
    const sent = userTexts().join('\n');
    expect(sent).toContain('Which track does the 08:15 leave from?');
    expect(sent).toContain('Track 7.');
    expect(sent).toContain('And when?');

    expect((await client.responses.retrieve(second.id)).output_text).toBe('At 08:15, from track 7.');
    const items = await client.responses.inputItems.list(second.id, { order: 'asc' });
    expect(items.data.map((i) => i.type)).toEqual(['message', 'message', 'message']);
    expect(items.data.every((i) => typeof i.id === 'string')).toBe(true);
  });

  it('keeps nothing when asked not to, and no key reads or continues another key’s responses', async () => {
    const store = memoryResponseStore();
    const ann = clientFor(store, 'ann');
    const bob = clientFor(store, 'bob');
    h.mock.script('openai', { text: 'Not kept.' });
    const unkept = await ann.responses.create({ model: 'openai/gpt-4o-mini', input: 'hi', store: false });
    expect((unkept as unknown as { store: boolean }).store).toBe(false);
    await expect(ann.responses.retrieve(unkept.id)).rejects.toMatchObject({ status: 404 });

    h.mock.script('openai', { text: 'Ann’s secret.' });
    const kept = await ann.responses.create({ model: 'openai/gpt-4o-mini', input: 'hi' });
    await expect(bob.responses.retrieve(kept.id)).rejects.toMatchObject({ status: 404 });
    const before = h.mock.requests.length;
    await expect(bob.responses.create({ model: 'openai/gpt-4o-mini', previous_response_id: kept.id, input: 'go on' })).rejects.toMatchObject({
      status: 400,
      code: 'previous_response_not_found',
    });
    expect(h.mock.requests.length).toBe(before);

    expect(await bob.responses.delete(kept.id).catch((e: { status: number }) => e.status)).toBe(404);
    await ann.responses.delete(kept.id);
    await expect(ann.responses.retrieve(kept.id)).rejects.toMatchObject({ status: 404 });
  });
});
