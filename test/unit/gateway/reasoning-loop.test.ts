import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import type { ReasoningDetail } from '../../../lib/gateway/reasoning';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

interface Assistant {
  role: 'assistant';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  reasoning_details?: ReasoningDetail[];
}

const tools = ['get_weather', 'get_time'].map((name) => ({ type: 'function', function: { name, parameters: { type: 'object', properties: {} } } }));

/** The assistant message a client builds from a streamed answer, joining reasoning entries by index. */
async function readStream(response: Response): Promise<Assistant> {
  const message: Assistant = { role: 'assistant', content: null };
  const calls: NonNullable<Assistant['tool_calls']> = [];
  const details = new Map<number, ReasoningDetail>();
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      const delta = JSON.parse(event.data).choices?.[0]?.delta;
      if (!delta) return;
      if (delta.content) message.content = (message.content ?? '') + delta.content;
      for (const call of delta.tool_calls ?? []) {
        calls[call.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
        const target = calls[call.index]!;
        if (call.id) target.id = call.id;
        target.function.name += call.function?.name ?? '';
        target.function.arguments += call.function?.arguments ?? '';
      }
      for (const detail of (delta.reasoning_details ?? []) as ReasoningDetail[]) details.set(detail.index ?? details.size, detail);
    },
  });
  const text = await response.text();
  parser.feed(text);
  if (calls.length) message.tool_calls = calls;
  if (details.size) message.reasoning_details = [...details.values()];
  return message;
}

async function ask(body: Record<string, unknown>, stream: boolean): Promise<Assistant> {
  const response = await h.gatewayFor().fetch(
    new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', body: JSON.stringify({ ...body, stream }), headers: { 'content-type': 'application/json' } }),
  );
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  if (stream) return readStream(response);
  const { message } = (await response.json()).choices[0];
  return { role: 'assistant', content: message.content, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}), ...(message.reasoning_details ? { reasoning_details: message.reasoning_details } : {}) };
}

/** Three steps of one tool loop: two tool calls, then the answer; `keep` is what the client sends back. */
async function toolLoop(model: string, stream: boolean, keep: (m: Assistant) => Assistant = (m) => m) {
  const messages: unknown[] = [{ role: 'user', content: 'Weather and time in Oslo?' }];
  for (let step = 0; step < 3; step++) {
    const answer = await ask({ model, messages, tools, reasoning: { effort: 'low' } }, stream);
    messages.push(keep(answer));
    if (!answer.tool_calls) return { answer, messages };
    for (const call of answer.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: call.function.name === 'get_weather' ? '{"celsius":4}' : '{"time":"10:00"}' });
  }
  throw new Error('the loop did not end');
}

function scriptLoop(format: 'anthropic' | 'gemini') {
  h.mock.script(
    format,
    { reasoning: 'The weather first.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] },
    { reasoning: 'Now the time.', toolCalls: [{ name: 'get_time', arguments: { tz: 'Europe/Oslo' } }] },
    { reasoning: 'Both known.', text: 'It is 4 °C at 10:00 in Oslo.' },
  );
}

const dropDetails = ({ reasoning_details: _dropped, ...rest }: Assistant): Assistant => rest;

describe.each([false, true])('a three-step tool loop with thinking through gateway.fetch (stream: %s)', (stream) => {
  it('Claude: every step sends back the signed thinking of the step before, and the mock, which checks it, answers all three', async () => {
    scriptLoop('anthropic');
    const { answer } = await toolLoop('anthropic/claude-sonnet-4-5', stream);
    expect(answer.content).toBe('It is 4 °C at 10:00 in Oslo.');
    expect(h.mock.requests).toHaveLength(3);
    for (const [i, thinking] of [[1, 'The weather first.'], [2, 'Now the time.']] as const) {
      const body = h.mock.requests[i]!.body as { thinking: unknown; messages: { role: string; content: { type: string; thinking?: string }[] }[] };
      expect(body.thinking).toMatchObject({ type: 'enabled' });
      expect(body.messages.findLast((m) => m.role === 'assistant')!.content[0]).toMatchObject({ type: 'thinking', thinking, signature: expect.stringMatching(/^mock-claude-/) });
    }
    expect(h.records.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('Gemini 3: each function call goes back with its thought signature, and the mock, which checks them, answers all three', async () => {
    scriptLoop('gemini');
    const { answer } = await toolLoop('google/gemini-3-pro-preview', stream);
    expect(answer.content).toBe('It is 4 °C at 10:00 in Oslo.');
    expect(h.mock.requests).toHaveLength(3);
    const last = h.mock.requests[2]!.body as { contents: { role: string; parts: { functionCall?: unknown; thoughtSignature?: string }[] }[] };
    const signatures = last.contents.filter((c) => c.role === 'model').map((c) => c.parts.find((p) => p.functionCall)?.thoughtSignature);
    expect(signatures).toEqual([expect.stringMatching(/^mock-gemini-/), expect.stringMatching(/^mock-gemini-/)]);
  });

  it('a client that drops reasoning_details still gets through: Claude steps run without thinking, Gemini 3 gets the stand-in', async () => {
    scriptLoop('anthropic');
    expect((await toolLoop('anthropic/claude-sonnet-4-5', stream, dropDetails)).answer.content).toBe('It is 4 °C at 10:00 in Oslo.');
    expect((h.mock.requests[1]!.body as { thinking?: unknown }).thinking).toBeUndefined();
    scriptLoop('gemini');
    expect((await toolLoop('google/gemini-3-pro-preview', stream, dropDetails)).answer.content).toBe('It is 4 °C at 10:00 in Oslo.');
  });
});

describe('the mock holds the real APIs’ rules', () => {
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${h.mock.baseUrl(path.split('/')[0] as 'anthropic')}${path.slice(path.indexOf('/'))}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  it('Claude: a thinking tool loop whose last assistant turn lacks its thinking block is a 400, and so is a forged signature', async () => {
    const headers = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
    const request = (first?: unknown) => ({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [...(first ? [first] : []), { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '4' }] },
      ],
    });
    const missing = await post('anthropic/v1/messages', request(), headers);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/a final `assistant` message must start with a thinking block/);
    const forged = await post('anthropic/v1/messages', request({ type: 'thinking', thinking: 'I made this up', signature: 'forged' }), headers);
    expect(forged.status).toBe(400);
    expect((await forged.json()).error.message).toMatch(/Invalid `signature` in `thinking` block/);
  });

  it('Gemini 3: a function call of the current turn without its signature is a 400; the documented stand-in passes', async () => {
    const request = (signature?: string) => ({
      contents: [
        { role: 'user', parts: [{ text: 'Weather?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} }, ...(signature ? { thoughtSignature: signature } : {}) }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 4 } } }] },
      ],
    });
    const missing = await post('gemini/v1beta/models/gemini-3-pro-preview:generateContent', request(), { 'x-goog-api-key': 'k' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/Function call `get_weather` in the 1\. content block is missing a `thought_signature`/);
    const standIn = await post('gemini/v1beta/models/gemini-3-pro-preview:generateContent', request('context_engineering_is_the_way_to_go'), { 'x-goog-api-key': 'k' });
    expect(standIn.status).toBe(200);
  });
});
