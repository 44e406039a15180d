import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

const weatherTool = { type: 'function' as const, name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false };

describe('POST /responses on top of every provider, through the openai SDK', () => {
  it('answers a Responses request with Claude: instructions become its system prompt, output_text and usage as OpenAI shapes them, one ledger row', async () => {
    h.mock.script('anthropic', { text: 'Bonjour !', usage: { prompt: 12, completion: 3 } });
    const response = await h.client().responses.create({ model: 'anthropic/claude-sonnet-4-5', instructions: 'Answer in French.', input: 'Hello' });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Bonjour !');
    expect(response.output).toEqual([
      expect.objectContaining({ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Bonjour !', annotations: [], logprobs: [] }] }),
    ]);
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 3, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } });
    const sent = h.mock.requests.at(-1)!.body as { system: unknown; messages: { role: string; content: unknown }[] };
    expect(JSON.stringify(sent.system)).toContain('Answer in French.');
    expect(sent.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }]);
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ endpoint: 'responses', status: 'ok', provider: 'anthropic', model: 'anthropic/claude-sonnet-4-5' });
  });

  it('streams with Gemini: the SDK’s own accumulator rebuilds the answer from the events, which come in order', async () => {
    h.mock.script('gemini', { text: 'Streams flow in order.', chunks: 4, chunkDelayMs: 5 });
    const stream = h.client().responses.stream({ model: 'google/gemini-2.5-flash', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say something' }] }] });
    const types: string[] = [];
    const sequence: number[] = [];
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
    }
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Streams flow in order.');
    expect(final.usage?.output_tokens).toBeGreaterThan(0);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types.filter((t) => t === 'response.output_text.delta').length).toBeGreaterThan(1);
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(h.records.map((r) => [r.endpoint, r.stream, r.status])).toEqual([['responses', true, 'ok']]);
  });

  it.each([false, true])('runs a tool loop with function_call and function_call_output items (stream: %s)', async (streaming) => {
    h.mock.script('openai', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { text: 'It is 4 °C in Oslo.' });
    const client = h.client();
    const ask = async (input: OpenAI.Responses.ResponseInput) => {
      const params = { model: 'openai/gpt-4o-mini', input, tools: [weatherTool] };
      return streaming ? client.responses.stream(params).finalResponse() : client.responses.create(params);
    };
    const first = await ask([{ role: 'user', content: 'Weather in Oslo?' }]);
    const call = first.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Oslo' });
    const second = await ask([{ role: 'user', content: 'Weather in Oslo?' }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: '{"celsius":4}' }]);
    expect(second.output_text).toBe('It is 4 °C in Oslo.');
    const sent = h.mock.requests.at(-1)!.body as { messages: Record<string, unknown>[]; tools: unknown[] };
    expect(sent.messages.slice(1)).toEqual([
      expect.objectContaining({ role: 'assistant', tool_calls: [{ id: call.call_id, type: 'function', function: { name: 'get_weather', arguments: call.arguments } }] }),
      { role: 'tool', tool_call_id: call.call_id, content: '{"celsius":4}' },
    ]);
    expect(sent.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: weatherTool.parameters, strict: false } }]);
  });

  it.each([false, true])('keeps reasoning across turns in encrypted_content: Claude gets its signed thinking back, Gemini 3 its thought signatures (stream: %s)', async (streaming) => {
    const client = h.client();
    const loop = async (model: string) => {
      const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'Weather in Oslo?' }];
      for (let step = 0; step < 2; step++) {
        const params = { model, input, tools: [weatherTool], reasoning: { effort: 'low' as const } };
        const response = streaming ? await client.responses.stream(params).finalResponse() : await client.responses.create(params);
        input.push(...(response.output as OpenAI.Responses.ResponseInputItem[]));
        const call = response.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall | undefined;
        if (!call) return response;
        const reasoning = response.output.find((item) => item.type === 'reasoning') as OpenAI.Responses.ResponseReasoningItem;
        expect(reasoning.encrypted_content).toMatch(/^sy1\./);
        input.push({ type: 'function_call_output', call_id: call.call_id, output: '{"celsius":4}' });
      }
      throw new Error('the loop did not end');
    };
    h.mock.script('anthropic', { reasoning: 'The weather first.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { reasoning: 'Known now.', text: '4 °C.' });
    expect((await loop('anthropic/claude-sonnet-4-5')).output_text).toBe('4 °C.');
    const claude = h.mock.requests.at(-1)!.body as { messages: { role: string; content: { type: string; thinking?: string; signature?: string }[] }[] };
    expect(claude.messages.find((m) => m.role === 'assistant')!.content[0]).toMatchObject({ type: 'thinking', thinking: 'The weather first.', signature: expect.stringMatching(/^mock-claude-/) });

    h.mock.script('gemini', { reasoning: 'The weather first.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { reasoning: 'Known now.', text: '4 °C.' });
    expect((await loop('google/gemini-3-pro-preview')).output_text).toBe('4 °C.');
    const gemini = h.mock.requests.at(-1)!.body as { contents: { role: string; parts: { functionCall?: unknown; thoughtSignature?: string }[] }[] };
    const signed = gemini.contents.filter((c) => c.role === 'model').map((c) => c.parts.find((p) => p.functionCall)?.thoughtSignature);
    expect(signed).toEqual([expect.stringMatching(/^mock-gemini-/)]);
  });

  it('maps text.format json_schema, max_output_tokens and a cut answer ("incomplete", max_output_tokens)', async () => {
    h.mock.script('openai', { text: '{"a":', finish: 'length' });
    const response = await h.client().responses.create({
      model: 'openai/gpt-4o-mini',
      input: 'JSON please',
      max_output_tokens: 5,
      text: { format: { type: 'json_schema', name: 'thing', schema: { type: 'object', properties: { a: { type: 'number' } } }, strict: true } },
    });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    const sent = h.mock.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent.max_completion_tokens).toBe(5);
    expect(sent.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'thing', schema: { type: 'object', properties: { a: { type: 'number' } } }, strict: true } });
  });
});

describe('/responses errors', () => {
  it('refuses what it cannot serve by name, before sending anything, each with its ledger row', async () => {
    const client = h.client();
    await expect(client.responses.create({ model: 'openai/gpt-4o-mini', input: 'hi', previous_response_id: 'resp_1' })).rejects.toMatchObject({ status: 400, code: 'previous_response_not_supported' });
    await expect(client.responses.create({ model: 'openai/gpt-4o-mini', input: 'hi', tools: [{ type: 'code_interpreter', container: { type: 'auto' } }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('"code_interpreter" tools'),
    });
    await expect(client.responses.create({ model: 'openai/gpt-4o-mini', input: [{ type: 'item_reference', id: 'msg_1' }] })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('"item_reference"') });
    expect(h.mock.requests).toHaveLength(0);
    expect(h.records.map((r) => [r.endpoint, r.status])).toEqual([
      ['responses', 'error'],
      ['responses', 'error'],
      ['responses', 'error'],
    ]);
  });

  it('passes a provider’s refusal on in OpenAI’s error shape', async () => {
    h.mock.script('anthropic', { fault: { type: 'status', status: 401, message: 'invalid x-api-key' } });
    await expect(h.client().responses.create({ model: 'anthropic/claude-sonnet-4-5', input: 'hi' })).rejects.toMatchObject({ status: 401 });
  });

  it('ends a stream that breaks mid-answer with response.failed, naming the error', async () => {
    h.mock.script('openai', { text: 'one two three four five six', fault: { type: 'stream-error', afterChunks: 3, message: 'overloaded' } });
    const stream = await h.client({ retry: { maxRetries: 0 } }).responses.create({ model: 'openai/gpt-4o-mini', input: 'hi', stream: true, models: [] } as OpenAI.Responses.ResponseCreateParamsStreaming);
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const failed = events.at(-1) as OpenAI.Responses.ResponseFailedEvent;
    expect(failed.type).toBe('response.failed');
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error?.message).toContain('overloaded');
    expect(events.some((e) => e.type === 'response.output_text.delta')).toBe(true);
  });
});
