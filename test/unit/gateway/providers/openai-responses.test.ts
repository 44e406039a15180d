import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { openAiResponsesAdapter } from '../../../../lib/gateway/providers/openai-responses';
import { collectParts, context, fixtureJson, fixtureStream, foldParts } from '../../../support/fixtures';

const request = (body: Record<string, unknown>) => ChatRequest.parse({ model: 'x', messages: [{ role: 'user', content: 'hi' }], ...body });
const ctx = (stream = false) => context({ kind: 'openai', id: 'openai', baseUrl: 'https://api.openai.test/v1/' }, 'gpt-5-pro', stream);

describe('Responses adapter: request', () => {
  it('sends the conversation as input items, stores nothing and asks for encrypted reasoning back', async () => {
    const upstream = await openAiResponsesAdapter.buildRequest(
      request({
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: [{ type: 'text', text: 'What is 12+7?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calculator', arguments: '{"a":12,"b":7}' } }],
            reasoning_details: [{ type: 'reasoning.encrypted', data: 'gAAAA-opaque', id: 'rs_1', format: 'openai-responses-v1', index: 0 }],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '19' },
        ],
        tools: [{ type: 'function', function: { name: 'calculator', parameters: { type: 'object', properties: {} } } }],
        tool_choice: { type: 'function', function: { name: 'calculator' } },
        max_tokens: 300,
        reasoning: { effort: 'high' },
        response_format: { type: 'json_schema', json_schema: { name: 'sum', schema: { type: 'object' }, strict: true } },
      }),
      ctx(true),
    );
    expect(upstream.url).toBe('https://api.openai.test/v1/responses');
    expect(upstream.init.headers.authorization).toBe('Bearer key-123');
    expect(JSON.parse(upstream.init.body!)).toEqual({
      model: 'gpt-5-pro',
      input: [
        { role: 'developer', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'input_text', text: 'What is 12+7?' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' }] },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA-opaque' },
        { type: 'function_call', call_id: 'call_1', name: 'calculator', arguments: '{"a":12,"b":7}' },
        { type: 'function_call_output', call_id: 'call_1', output: '19' },
      ],
      store: false,
      include: ['reasoning.encrypted_content'],
      tools: [{ type: 'function', name: 'calculator', parameters: { type: 'object', properties: {} }, strict: false }],
      tool_choice: { type: 'function', name: 'calculator' },
      max_output_tokens: 300,
      text: { format: { type: 'json_schema', name: 'sum', schema: { type: 'object' }, strict: true } },
      reasoning: { effort: 'high', summary: 'auto' },
      stream: true,
    });
  });

  it('refuses what the Responses API has no field for, naming it', async () => {
    await expect(openAiResponsesAdapter.buildRequest(request({ stop: ['END'] }), ctx())).rejects.toThrow(/stop sequences/);
  });
});

describe('Responses adapter: answers', () => {
  it('reads a recorded answer: summary as reasoning, encrypted content as a detail to send back, the call, usage with reasoning tokens', () => {
    const completion = openAiResponsesAdapter.parseResponse(fixtureJson('openai-responses/reasoning-tool-call.json'), ctx());
    expect(completion.model).toBe('gpt-5.1-codex-max');
    expect(completion.text).toBeNull();
    expect(completion.reasoning).toContain('Calculating step-by-step');
    expect(completion.reasoningDetails).toEqual([
      { type: 'reasoning.encrypted', data: expect.stringMatching(/^gAAAAABpPDIV/), id: 'rs_01830d662ab3856501693c321405c88190be3ab04d5782d5f9', format: 'openai-responses-v1', index: 0 },
    ]);
    expect(completion.toolCalls).toEqual([{ id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn', type: 'function', function: { name: 'calculator', arguments: '{"a":12,"b":7,"op":"add"}' } }]);
    expect(completion.finishReason).toBe('tool_calls');
    expect(completion.usage).toEqual({ prompt: 160, completion: 86, cached: 0, cacheWrite: 0, reasoning: 46 });
  });

  it('reads a recorded stream, cut anywhere: the call with its arguments, usage, and the finish', async () => {
    for (const size of [3, 17, 200]) {
      const parts = await collectParts(openAiResponsesAdapter.parseStream(fixtureStream('openai-responses/tool-call.chunks.txt', size), ctx(true)));
      const folded = foldParts(parts);
      expect(folded.toolCalls).toEqual([{ id: 'call_2FQdm3Br7Qb35YUBSkDR7kue', name: 'get_weather', arguments: '{"city":"Beijing"}' }]);
      expect(parts).toContainEqual({ type: 'model', model: 'gpt-5.1-2025-11-13' });
      expect(parts).toContainEqual({ type: 'usage', usage: { prompt: 45, completion: 25, cached: 0, cacheWrite: 0, reasoning: 0 } });
      expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' });
    }
  });
});
