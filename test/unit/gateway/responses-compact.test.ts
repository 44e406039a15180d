import { describe, expect, it } from 'vitest';
import { memoryResponseStore, responsesEndpointWith } from '../../../lib/gateway';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

function gatewayWithStore() {
  return createGatewayWith({ providers: h.providers, catalog: shippedCatalog(), responses: responsesEndpointWith({ store: memoryResponseStore(), owner: 'dev' }), onRecord: (r) => h.records.push(r) });
}

const post = (gateway: ReturnType<typeof gatewayWithStore>, path: string, body: unknown) =>
  gateway.fetch(new Request(`http://switchyard.local/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe('POST /responses/compact', () => {
  it("hands the conversation back as the user's messages and one compaction item, which carries it on in a later request", async () => {
    const gateway = gatewayWithStore();
    const conversation = [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Rename yard.ts to hump.ts.' }] },
      { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{"cmd":"git mv yard.ts hump.ts"}' },
      { type: 'function_call_output', call_id: 'c1', output: 'done' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Renamed.' }] },
    ];
    h.mock.script('openai', { text: 'The user asked to rename yard.ts to hump.ts; git mv did it. Nothing is left to do.', usage: { prompt: 300, completion: 20 } });
    const response = await post(gateway, '/responses/compact', { model: 'openai/gpt-4o-mini', input: conversation });
    expect(response.status).toBe(200);
    const compacted = (await response.json()) as { object: string; id: string; created_at: number; output: Record<string, unknown>[]; usage: Record<string, unknown> };
    expect(compacted).toMatchObject({ object: 'response.compaction', usage: { input_tokens: 300, output_tokens: 20 } });
    expect(compacted.output).toEqual([
      { ...conversation[0], id: expect.any(String), status: 'completed' },
      { id: expect.stringMatching(/^cmp_/), type: 'compaction', encrypted_content: expect.stringMatching(/^syc1\./) },
    ]);
    // The model was asked for a summary of the whole conversation, tool calls included.
    const asked = JSON.stringify(h.mock.requests.at(-1)!.body);
    expect(asked).toContain('git mv yard.ts hump.ts');
    expect(asked).toContain('compacted');

    h.mock.script('openai', { text: 'Yes, hump.ts.' });
    const next = await post(gateway, '/responses', { model: 'openai/gpt-4o-mini', input: [...compacted.output, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Is it renamed?' }] }] });
    expect(next.status).toBe(200);
    const messages = (h.mock.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] }).messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'system', 'user']);
    expect(JSON.stringify(messages[1]!.content)).toContain('git mv did it');
    expect(h.records.map((r) => r.endpoint)).toEqual(['responses', 'responses']);
  });

  it('compacts a stored conversation named by previous_response_id, and refuses compaction items it did not write', async () => {
    const gateway = gatewayWithStore();
    h.mock.script('anthropic', { text: 'Track 7.' });
    const first = (await (await post(gateway, '/responses', { model: 'anthropic/claude-sonnet-4-5', input: 'Which track?' })).json()) as { id: string };
    h.mock.script('anthropic', { text: 'Asked which track; answered track 7.' });
    const compacted = (await (await post(gateway, '/responses/compact', { model: 'anthropic/claude-sonnet-4-5', previous_response_id: first.id })).json()) as { output: { type: string; role?: string }[] };
    expect(compacted.output.map((i) => i.type)).toEqual(['message', 'compaction']);
    expect(JSON.stringify(h.mock.requests.at(-1)!.body)).toContain('Track 7.');

    const foreign = await post(gateway, '/responses', { model: 'openai/gpt-4o-mini', input: [{ type: 'compaction', encrypted_content: 'gAAAAABpM0Yj-opaque' }] });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain('compaction items another service wrote');
  });
});
