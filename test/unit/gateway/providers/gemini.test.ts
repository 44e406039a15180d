import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { geminiAdapter } from '../../../../lib/gateway/providers/gemini';
import { collectParts, context, fixtureJson, fixtureStream, fixtureText, foldParts, PNG_DATA_URL } from '../../../support/fixtures';

const imageFetch: typeof fetch = async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/jpeg' } });
const ctx = (stream = false) =>
  context({ kind: 'gemini', id: 'google', baseUrl: 'https://generativelanguage.googleapis.com' }, 'gemini-2.5-flash', stream, imageFetch);
const build = async (body: Record<string, unknown>, stream = false) => {
  const upstream = await geminiAdapter.buildRequest(ChatRequest.parse({ model: 'x', ...body }), ctx(stream));
  return { upstream, body: JSON.parse(upstream.init.body!) };
};

describe('gemini adapter: request', () => {
  it('maps roles, system instruction, generation config, images, function calls and responses', async () => {
    const { upstream, body } = await build({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in these?' }, { type: 'image_url', image_url: { url: PNG_DATA_URL } }, { type: 'image_url', image_url: { url: 'https://example.test/a.jpg' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"answer":"a cat"}' },
      ],
      temperature: 0.7,
      top_p: 0.9,
      max_completion_tokens: 500,
      stop: ['\n\n'],
      seed: 42,
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      response_format: { type: 'json_object' },
    });
    expect(upstream.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
    expect(upstream.init.headers['x-goog-api-key']).toBe('key-123');
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(body.generationConfig).toEqual({
      temperature: 0.7,
      topP: 0.9,
      maxOutputTokens: 500,
      stopSequences: ['\n\n'],
      seed: 42,
      responseMimeType: 'application/json',
    });
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'What is in these?' },
          { inlineData: { mimeType: 'image/png', data: PNG_DATA_URL.split(',')[1] } },
          { inlineData: { mimeType: 'image/jpeg', data: 'AQID' } },
        ],
      },
      { role: 'model', parts: [{ functionCall: { name: 'lookup', args: { q: 'cat' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { answer: 'a cat' } } }] },
    ]);
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } } }] }]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['lookup'] } });
  });

  it('streams through streamGenerateContent with SSE and passes a JSON schema', async () => {
    const { upstream, body } = await build(
      { messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } },
      true,
    );
    expect(upstream.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(body.generationConfig).toEqual({ responseMimeType: 'application/json', responseJsonSchema: { type: 'object' } });
  });

  it('refuses a tool result whose call it cannot find', async () => {
    await expect(build({ messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] })).rejects.toMatchObject({ status: 400 });
  });
});

describe('gemini adapter: responses', () => {
  it('maps function calls and counts thoughts as reasoning inside completion tokens', () => {
    const completion = geminiAdapter.parseResponse(fixtureJson('gemini/function-call.json'), ctx());
    expect(completion.finishReason).toBe('tool_calls');
    expect(completion.text).toBeNull();
    expect(completion.toolCalls.map((c) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ['get_weather', { city: 'Oslo' }],
      ['get_time', { tz: 'Europe/Oslo' }],
    ]);
    expect(new Set(completion.toolCalls.map((c) => c.id)).size).toBe(2);
    expect(completion.usage).toEqual({ prompt: 58, completion: 62, cached: 0, cacheWrite: 0, reasoning: 32 });
  });

  it('reports safety blocks as content_filter', () => {
    expect(geminiAdapter.parseResponse(fixtureJson('gemini/safety-blocked.json'), ctx())).toMatchObject({ text: '', finishReason: 'content_filter' });
    expect(geminiAdapter.parseResponse(fixtureJson('gemini/prompt-blocked.json'), ctx())).toMatchObject({ text: '', finishReason: 'content_filter' });
  });

  it('streams text with the final usage, cached and thought tokens', async () => {
    const folded = foldParts(await collectParts(geminiAdapter.parseStream(fixtureStream('gemini/text.chunks.txt', 17), ctx(true))));
    expect(folded.text).toBe('The sky is blue because of Rayleigh scattering.');
    expect(folded.finish).toEqual({ type: 'finish', reason: 'stop' });
    expect(folded.usage).toEqual({ type: 'usage', usage: { prompt: 9, completion: 511, cached: 4, cacheWrite: 0, reasoning: 500 } });
  });

  it('treats a bad key (400 API_KEY_INVALID) as an authentication error', () => {
    expect(geminiAdapter.parseError(400, fixtureText('gemini/error-bad-key.json'))).toEqual({
      message: 'API key not valid. Please pass a valid API key.',
      code: 'INVALID_ARGUMENT',
      status: 401,
    });
  });
});
