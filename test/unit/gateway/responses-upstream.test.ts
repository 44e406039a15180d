import { describe, expect, it } from 'vitest';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();
const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

async function chat(body: Record<string, unknown>) {
  const response = await h.gatewayFor().fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) }));
  return { status: response.status, json: (await response.json()) as { choices: { message: Record<string, unknown>; finish_reason: string }[]; usage: { cost: number; completion_tokens_details: { reasoning_tokens: number } }; error?: { message: string } } };
}

describe('models OpenAI serves only through the Responses API', () => {
  it('go to /v1/responses from a chat request, priced at their own rates', async () => {
    h.mock.script('openai', { text: 'A careful answer.', reasoning: 'Think hard.', usage: { prompt: 1000, completion: 2000, reasoning: 1500 } });
    const { status, json } = await chat({ model: 'openai/gpt-5-pro', messages: [{ role: 'user', content: 'Hard question' }], reasoning: { effort: 'high' } });
    expect(status).toBe(200);
    expect(h.mock.requests.at(-1)!.path).toBe('/v1/responses');
    expect(json.choices[0]!.message).toMatchObject({ content: 'A careful answer.', reasoning: 'Think hard.' });
    expect(json.usage.completion_tokens_details.reasoning_tokens).toBe(1500);
    expect(json.usage.cost).toBeCloseTo((1000 * 15 + 2000 * 120) / 1e6, 10);
    expect(h.records[0]).toMatchObject({ status: 'ok', model: 'openai/gpt-5-pro', provider: 'openai' });
  });

  it.each([false, true])('run a tool loop whose encrypted reasoning goes back each turn and is verified by the mock (stream: %s)', async (stream) => {
    h.mock.script('openai', { reasoning: 'Weather first.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { text: '4 °C in Oslo.' });
    const messages: unknown[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const body = { model: 'openai/gpt-5-codex', tools, reasoning: { effort: 'low' }, stream };
    const first = await h.gatewayFor().fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ ...body, messages }) }));
    const assistant = stream ? await assistantFromStream(first) : ((await first.json()) as { choices: { message: Record<string, unknown> }[] }).choices[0]!.message;
    expect(assistant.reasoning_details).toEqual([expect.objectContaining({ type: 'reasoning.encrypted', format: 'openai-responses-v1', id: expect.stringMatching(/^rs_mock_/) })]);
    const call = (assistant.tool_calls as { id: string }[])[0]!;
    messages.push({ role: 'assistant', content: null, tool_calls: assistant.tool_calls, reasoning_details: assistant.reasoning_details }, { role: 'tool', tool_call_id: call.id, content: '{"celsius":4}' });
    const second = await chat({ ...body, stream: false, messages });
    expect(second.status).toBe(200);
    expect(second.json.choices[0]!.message.content).toBe('4 °C in Oslo.');
    const input = (h.mock.requests.at(-1)!.body as { input: { type?: string; encrypted_content?: string }[] }).input;
    expect(input.map((i) => i.type ?? 'message')).toEqual(['message', 'reasoning', 'function_call', 'function_call_output']);
    expect(input[1]!.encrypted_content).toMatch(/^mock-openai-responses-/);
  });

  it('refuse tampered reasoning with OpenAI’s own error', async () => {
    const { status, json } = await chat({
      model: 'openai/gpt-5-codex',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello', reasoning_details: [{ type: 'reasoning.encrypted', data: 'forged', id: 'rs_mock_1', format: 'openai-responses-v1', index: 0 }] },
        { role: 'user', content: 'again' },
      ],
    });
    expect(status).toBe(400);
    expect(json.error!.message).toContain('could not be verified');
  });

  it('keep chat completions where another host serves them (OpenRouter), and the mock refuses them on /chat/completions as OpenAI does', async () => {
    const refused = await fetch(`${h.mock.baseUrl('openai')}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5-pro', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('This model is only supported in v1/responses and not in v1/chat/completions.');
  });

  it('answer the openai SDK’s responses.create too (Responses in, chat inside, Responses out to OpenAI)', async () => {
    h.mock.script('openai', { text: 'Codex here.' });
    const response = await h.client().responses.create({ model: 'openai/gpt-5.1-codex', input: 'Who are you?' });
    expect(response.output_text).toBe('Codex here.');
    expect(h.mock.requests.at(-1)!.path).toBe('/v1/responses');
    expect(h.records[0]).toMatchObject({ endpoint: 'responses', model: 'openai/gpt-5.1-codex' });
  });
});

/** The assistant message a chat client builds from a streamed answer. */
async function assistantFromStream(response: Response): Promise<Record<string, unknown>> {
  const calls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] = [];
  const details: unknown[] = [];
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const delta = JSON.parse(line.slice(6)).choices?.[0]?.delta;
    for (const call of delta?.tool_calls ?? []) {
      calls[call.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
      if (call.id) calls[call.index]!.id = call.id;
      calls[call.index]!.function.name += call.function?.name ?? '';
      calls[call.index]!.function.arguments += call.function?.arguments ?? '';
    }
    details.push(...(delta?.reasoning_details ?? []));
  }
  return { role: 'assistant', content: null, tool_calls: calls, reasoning_details: details };
}
