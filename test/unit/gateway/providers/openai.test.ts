import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { openAiAdapter } from '../../../../lib/gateway/providers/openai';
import { collectParts, context, fixtureJson, fixtureStream, fixtureText, foldParts } from '../../../support/fixtures';

const request = (body: Record<string, unknown>) => ChatRequest.parse({ model: 'x', messages: [{ role: 'user', content: 'hi' }], ...body });

describe('openai adapter: request', () => {
  it('keeps the OpenAI body, sets the provider’s model, asks for usage in streams and drops gateway-only fields', async () => {
    const ctx = context({ kind: 'openai', id: 'groq', baseUrl: 'https://api.groq.com/openai/v1/', headers: { 'X-Extra': '1' } }, 'llama-3.3-70b-versatile', true);
    const upstream = await openAiAdapter.buildRequest(
      request({
        model: 'groq/llama-3.3-70b-versatile',
        messages: [
          { role: 'developer', content: 'Be terse.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.test/cat.png' } }] },
        ],
        temperature: 0.2,
        seed: 7,
        logit_bias: { '50256': -100 },
        models: ['openai/gpt-4o'],
        provider: { sort: 'price' },
        top_p: null,
      }),
      ctx,
    );
    expect(upstream.url).toBe('https://api.groq.com/openai/v1/chat/completions');
    expect(upstream.init.headers).toMatchObject({ authorization: 'Bearer key-123', 'X-Extra': '1' });
    const body = JSON.parse(upstream.init.body!);
    expect(body).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.test/cat.png' } }] },
      ],
      temperature: 0.2,
      seed: 7,
      logit_bias: { '50256': -100 },
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('keeps the developer role for OpenAI itself and sends no key header without a key', async () => {
    const ctx = context({ kind: 'openai', id: 'lmstudio', preset: 'openai', apiKey: undefined }, 'gpt-4o');
    const upstream = await openAiAdapter.buildRequest(request({ messages: [{ role: 'developer', content: 'x' }] }), ctx);
    expect(JSON.parse(upstream.init.body!).messages[0].role).toBe('developer');
    expect(upstream.init.headers.authorization).toBeUndefined();
  });
});

describe('openai adapter: responses', () => {
  it('reads reasoning and DeepSeek’s usage', () => {
    const completion = openAiAdapter.parseResponse(fixtureJson('openai/deepseek-reasoner.json'), context({ kind: 'openai' }, 'deepseek-reasoner'));
    expect(completion).toMatchObject({
      text: '9.11 is smaller than 9.8.',
      reasoning: expect.stringContaining('hundredths'),
      finishReason: 'stop',
      usage: { prompt: 19, completion: 120, reasoning: 98, cached: 0 },
    });
  });

  it('streams text with usage (split at odd byte boundaries)', async () => {
    const parts = await collectParts(openAiAdapter.parseStream(fixtureStream('openai/text.chunks.txt', 5), context({ kind: 'openai' }, 'gpt-4o-mini', true)));
    const folded = foldParts(parts);
    expect(folded.text).toBe('Hello, world!');
    expect(folded.finish).toEqual({ type: 'finish', reason: 'stop' });
    expect(folded.usage).toEqual({ type: 'usage', usage: { prompt: 12, completion: 4, cached: 0, cacheWrite: 0, reasoning: 0 } });
    expect(folded.model).toEqual({ type: 'model', model: 'gpt-4o-mini-2024-07-18' });
  });

  it('streams two tool calls with split arguments and cached tokens', async () => {
    const folded = foldParts(await collectParts(openAiAdapter.parseStream(fixtureStream('openai/tool-call.chunks.txt', 11), context({ kind: 'openai' }, 'gpt-4o', true))));
    expect(folded.toolCalls).toEqual([
      { id: 'call_Xy12', name: 'get_weather', arguments: '{"city": "Oslo"}' },
      { id: 'call_Zq34', name: 'get_time', arguments: '{"tz":"Europe/Oslo"}' },
    ]);
    expect(folded.finish).toEqual({ type: 'finish', reason: 'tool_calls' });
    expect(folded.usage).toMatchObject({ usage: { cached: 64, prompt: 80 } });
  });

  it('reads a stream’s first event (role and model) like any plain text event, and still checks its model', async () => {
    const stream = (model: string) =>
      new Response(
        `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":${model},"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}\n\n` +
          `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":${model},"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`,
      ).body!;
    const parts = await collectParts(openAiAdapter.parseStream(stream('"gpt-4o-mini-2024-07-18"'), context({ kind: 'openai' }, 'gpt-4o-mini', true)));
    expect(parts.slice(0, 2)).toEqual([
      { type: 'model', model: 'gpt-4o-mini-2024-07-18' },
      { type: 'text', text: 'Hi' },
    ]);
    await expect(collectParts(openAiAdapter.parseStream(stream('5'), context({ kind: 'openai' }, 'x', true)))).rejects.toThrow();
  });

  it('turns an error inside the stream (OpenRouter style) into an error part', async () => {
    const folded = foldParts(await collectParts(openAiAdapter.parseStream(fixtureStream('openai/midstream-error.chunks.txt'), context({ kind: 'openai' }, 'x', true))));
    expect(folded.text).toBe('Par');
    expect(folded.error).toEqual({ type: 'error', message: 'Provider returned error', status: 502 });
  });

  it('reads error bodies', () => {
    expect(openAiAdapter.parseError(401, fixtureText('openai/error-401.json'))).toEqual({
      message: expect.stringContaining('Incorrect API key'),
      code: 'invalid_api_key',
    });
    expect(openAiAdapter.parseError(502, '<html>Bad gateway</html>')).toEqual({ message: '<html>Bad gateway</html>' });
    expect(openAiAdapter.parseError(500, '')).toEqual({ message: 'HTTP 500 with an empty body' });
  });
});

describe('openai adapter: reading plain text chunks without parsing', () => {
  const chunk = (delta: string, tail = ',"logprobs":null,"finish_reason":null}]') =>
    `{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":${delta}${tail}${'}'}`;
  it('reads the content of the commonest chunk, escapes included', async () => {
    const { textWithoutParsing } = await import('../../../../lib/gateway/providers/openai/stream');
    expect(textWithoutParsing(chunk('{"content":"Hello"}'))).toBe('Hello');
    expect(textWithoutParsing(chunk('{"content":"say \\"hi\\"\\n\\u00e9"}'))).toBe('say "hi"\né');
    expect(textWithoutParsing(chunk('{"content":"x"}', ',"finish_reason":null,"logprobs":null}],"usage":null,"obfuscation":"ab"'))).toBe('x');
  });
  it('leaves every other shape to the full parser', async () => {
    const { textWithoutParsing } = await import('../../../../lib/gateway/providers/openai/stream');
    expect(textWithoutParsing(chunk('{"content":"x","tool_calls":[]}'))).toBeUndefined();
    expect(textWithoutParsing(chunk('{"content":"x"}', ',"logprobs":null,"finish_reason":"stop"}]'))).toBeUndefined();
    expect(textWithoutParsing(chunk('{"content":"x"}', ',"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":1}'))).toBeUndefined();
    expect(textWithoutParsing('{"choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null},{"index":1,"delta":{}}]}')).toBeUndefined();
    expect(textWithoutParsing('{"error":{"message":"m"},"choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null}]}')).toBeUndefined();
    expect(textWithoutParsing('{"choices":[{"index":0,"delta":{"content":"unterminated')).toBeUndefined();
  });
});
