import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { ollamaAdapter } from '../../../../lib/gateway/providers/ollama';
import { collectParts, context, fixtureStream, fixtureText, foldParts, PNG_DATA_URL } from '../../../support/fixtures';

const ctx = (stream = false) => context({ kind: 'ollama', id: 'ollama', baseUrl: 'http://127.0.0.1:11434', apiKey: undefined }, 'llama3.2', stream);
const build = async (body: Record<string, unknown>, stream = false) => {
  const upstream = await ollamaAdapter.buildRequest(ChatRequest.parse({ model: 'x', ...body }), ctx(stream));
  return { upstream, body: JSON.parse(upstream.init.body!) };
};

describe('ollama adapter: request', () => {
  it('maps messages with images, options, tools and JSON schema format', async () => {
    const { upstream, body } = await build(
      {
        messages: [
          { role: 'developer', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: PNG_DATA_URL } }] },
          { role: 'assistant', content: '', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: 'done' },
        ],
        temperature: 0.1,
        max_tokens: 64,
        stop: 'x',
        seed: 3,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' } } },
      },
      true,
    );
    expect(upstream.url).toBe('http://127.0.0.1:11434/api/chat');
    expect(upstream.init.headers.authorization).toBeUndefined();
    expect(body).toEqual({
      model: 'llama3.2',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is this?', images: [PNG_DATA_URL.split(',')[1]] },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] },
        { role: 'tool', content: 'done', tool_name: 'f' },
      ],
      options: { temperature: 0.1, num_predict: 64, stop: ['x'], seed: 3 },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      format: { type: 'object' },
    });
  });

  it('cannot force a tool call: a clear 400 the gateway may route around', async () => {
    await expect(
      build({ messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'required' }),
    ).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter' });
  });
});

describe('ollama adapter: responses', () => {
  it('streams NDJSON text with the counts of the last line', async () => {
    const folded = foldParts(await collectParts(ollamaAdapter.parseStream(fixtureStream('ollama/chat.ndjson', 10), ctx(true))));
    expect(folded.text).toBe('The sky is blue.');
    expect(folded.usage).toEqual({ type: 'usage', usage: { prompt: 26, completion: 282, cached: 0, cacheWrite: 0, reasoning: 0 } });
    expect(folded.finish).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('streams thinking and a tool call', async () => {
    const folded = foldParts(await collectParts(ollamaAdapter.parseStream(fixtureStream('ollama/tool-call.ndjson'), ctx(true))));
    expect(folded.reasoning).toBe('The user wants weather.');
    expect(folded.toolCalls).toEqual([{ id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
    expect(folded.finish).toEqual({ type: 'finish', reason: 'tool_calls' });
  });

  it('turns an error line into an error part', async () => {
    const folded = foldParts(await collectParts(ollamaAdapter.parseStream(fixtureStream('ollama/error-midstream.ndjson'), ctx(true))));
    expect(folded.text).toBe('Hel');
    expect(folded.error).toMatchObject({ message: expect.stringContaining('unexpected EOF') });
  });

  it('reads its plain error body', () => {
    expect(ollamaAdapter.parseError(404, fixtureText('ollama/error-404.json'))).toEqual({ message: 'model "llama9" not found, try pulling it first' });
  });
});
