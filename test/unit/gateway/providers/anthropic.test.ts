import { describe, expect, it } from 'vitest';
import { providerHttpError } from '../../../../lib/gateway/errors';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { anthropicAdapter } from '../../../../lib/gateway/providers/anthropic';
import { collectParts, context, fixtureJson, fixtureStream, fixtureText, foldParts, PNG_DATA_URL } from '../../../support/fixtures';

const ctx = (stream = false) => context({ kind: 'anthropic', id: 'anthropic', baseUrl: 'https://api.anthropic.com' }, 'claude-sonnet-4-5', stream);
const build = async (body: Record<string, unknown>, stream = false) => {
  const upstream = await anthropicAdapter.buildRequest(ChatRequest.parse({ model: 'x', ...body }), ctx(stream));
  return { upstream, body: JSON.parse(upstream.init.body!) };
};

describe('anthropic adapter: request', () => {
  it('moves system prompts out, merges turns so roles alternate, maps tool calls, results and images', async () => {
    const { upstream, body } = await build({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: 'Use metric units.' },
        { role: 'user', content: 'Weather in Oslo and Bergen?' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: PNG_DATA_URL } }] },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Bergen"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '{"celsius":4}' },
        { role: 'tool', tool_call_id: 'toolu_2', content: '{"celsius":7}' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      max_tokens: 300,
      stop: 'END',
      temperature: 0.5,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
    expect(upstream.url).toBe('https://api.anthropic.com/v1/messages');
    expect(upstream.init.headers).toMatchObject({ 'x-api-key': 'key-123', 'anthropic-version': '2023-06-01' });
    expect(body.system).toBe('You are terse.\n\nUse metric units.');
    expect(body.max_tokens).toBe(300);
    expect(body.stop_sequences).toEqual(['END']);
    expect(body.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(body.tools).toEqual([{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[0].content).toEqual([
      { type: 'text', text: 'Weather in Oslo and Bergen?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_DATA_URL.split(',')[1] } },
    ]);
    expect(body.messages[1].content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Bergen' } },
    ]);
    expect(body.messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '{"celsius":4}' }] },
      { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '{"celsius":7}' }] },
      { type: 'text', text: 'And tomorrow?' },
    ]);
  });

  it('always sends max_tokens, and turns reasoning effort into a thinking budget', async () => {
    expect((await build({ messages: [{ role: 'user', content: 'hi' }] })).body.max_tokens).toBe(4096);
    const { body } = await build({ messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'medium', max_tokens: 1000 });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(body.max_tokens).toBe(8192 + 1000);
    await expect(build({ messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'medium', temperature: 0.3 })).rejects.toMatchObject({ status: 400, extra: { param: 'temperature' } });
  });

  it('gets JSON out of Claude with a forced tool', async () => {
    const { body } = await build({
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema: { type: 'object', properties: { name: { type: 'string' } } } } },
    });
    expect(body.tools).toEqual([{ name: 'json_response', description: 'Respond with person.', input_schema: { type: 'object', properties: { name: { type: 'string' } } } }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_response' });
  });

  it('refuses what Claude cannot do with a clear 400', async () => {
    await expect(build({ messages: [{ role: 'user', content: 'hi' }], temperature: 1.5 })).rejects.toMatchObject({ status: 400, extra: { param: 'temperature' } });
    await expect(build({ messages: [{ role: 'user', content: 'hi' }], n: 2 })).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter' });
    await expect(
      build({ messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: 'not json' } }] }] }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('anthropic adapter: responses', () => {
  it('maps text, tool_use and cache token counts of a message', () => {
    const completion = anthropicAdapter.parseResponse(fixtureJson('anthropic/message-tool-use.json'), ctx());
    expect(completion).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      text: "I'll look that up.",
      toolCalls: [{ id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"San Francisco","unit":"celsius"}' } }],
      finishReason: 'tool_calls',
      usage: { prompt: 12095, completion: 503, cached: 10000, cacheWrite: 0, reasoning: 0 },
    });
  });

  it('streams text with ping events and cache reads in the prompt count', async () => {
    const folded = foldParts(await collectParts(anthropicAdapter.parseStream(fixtureStream('anthropic/text.chunks.txt', 9), ctx(true))));
    expect(folded.text).toBe('Hello! How can I help?');
    expect(folded.finish).toEqual({ type: 'finish', reason: 'stop' });
    expect(folded.usage).toEqual({ type: 'usage', usage: { prompt: 2073, completion: 15, cached: 2048, cacheWrite: 0, reasoning: 0 } });
  });

  it('streams a tool call after text', async () => {
    const folded = foldParts(await collectParts(anthropicAdapter.parseStream(fixtureStream('anthropic/tool-use.chunks.txt', 13), ctx(true))));
    expect(folded.text).toBe('Let me check the weather.');
    expect(folded.toolCalls).toEqual([{ id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: '{"city": "Oslo"}' }]);
    expect(folded.finish).toEqual({ type: 'finish', reason: 'tool_calls' });
  });

  it('streams thinking as reasoning and counts cache writes', async () => {
    const folded = foldParts(await collectParts(anthropicAdapter.parseStream(fixtureStream('anthropic/thinking.chunks.txt'), ctx(true))));
    expect(folded.reasoning).toBe('27 * 453 = 12231.');
    expect(folded.text).toBe('27 * 453 = 12,231');
    expect(folded.usage).toMatchObject({ usage: { prompt: 1040, cacheWrite: 1000, completion: 120 } });
  });

  it('an error event mid-stream becomes an error part with the overload status', async () => {
    const folded = foldParts(await collectParts(anthropicAdapter.parseStream(fixtureStream('anthropic/overloaded-midstream.chunks.txt'), ctx(true))));
    expect(folded.text).toBe('Once upon');
    expect(folded.error).toEqual({ type: 'error', message: 'Overloaded', code: 'overloaded_error', status: 529 });
  });

  it('reads error bodies and spots a prompt that is too long', () => {
    expect(anthropicAdapter.parseError(400, fixtureText('anthropic/error-max-tokens.json'))).toEqual({
      message: 'max_tokens: Field required',
      code: 'invalid_request_error',
    });
    const details = anthropicAdapter.parseError(400, fixtureText('anthropic/error-prompt-too-long.json'));
    expect(providerHttpError('anthropic', 400, details.message, details.code, null).code).toBe('context_length_exceeded');
  });
});

describe('anthropic adapter: reading text deltas without parsing', () => {
  it('reads the commonest event and leaves every other shape to the parser', async () => {
    const { textDeltaWithoutParsing } = await import('../../../../lib/gateway/providers/anthropic/stream');
    expect(textDeltaWithoutParsing('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}')).toBe('Hello');
    expect(textDeltaWithoutParsing('{"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"a \\"b\\"\\n"}}')).toBe('a "b"\n');
    expect(textDeltaWithoutParsing('{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{}"}}')).toBeUndefined();
    expect(textDeltaWithoutParsing('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x","extra":"y"}}')).toBeUndefined();
    expect(textDeltaWithoutParsing('{"type":"message_stop"}')).toBeUndefined();
  });
});
