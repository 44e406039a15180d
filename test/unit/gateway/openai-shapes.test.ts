import { describe, expect, it } from 'vitest';
import { FORMAT_CASES, useHarness } from '../../support/gateway-harness';
import { departures } from '../../support/published-schemas';

const h = useHarness();

/** Held to OpenAI's OpenAPI document (openai/openai-openapi, kept in test/fixtures/schemas/openai.json). */
const completionGaps = (body: unknown) => departures('openai', 'CreateChatCompletionResponse', body);
const chunkGaps = (chunk: unknown) => departures('openai', 'CreateChatCompletionStreamResponse', chunk);
const errorGaps = (body: unknown) => departures('openai', 'ErrorResponse', body);

const post = (gateway: ReturnType<typeof h.gatewayFor>, body: Record<string, unknown>) =>
  gateway.fetch(new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe("chat completions conform to OpenAI's OpenAPI schemas", () => {
  for (const { format, model } of FORMAT_CASES) {
    it(`answers, stream chunks and errors, with ${model}`, async () => {
      const gateway = h.gatewayFor({ retry: { maxRetries: 0 } });
      h.mock.script(format, { text: 'An answer.' });
      const whole = (await (await post(gateway, { model, messages: [{ role: 'user', content: 'Hi' }] })).json()) as Record<string, unknown>;
      expect(completionGaps(whole)).toEqual([]);

      h.mock.script(format, { text: 'A streamed answer.', chunks: 3 });
      const text = await (await post(gateway, { model, stream: true, messages: [{ role: 'user', content: 'Hi' }] })).text();
      const chunks = text
        .split('\n\n')
        .filter((e) => e.startsWith('data: ') && !e.includes('[DONE]'))
        .map((e) => JSON.parse(e.slice(6)) as Record<string, unknown>);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) expect(chunkGaps(chunk)).toEqual([]);

      // An upstream's refusal passed on, and one of the gateway's own, both with param and code.
      h.mock.script(format, { fault: { type: 'status', status: 401, message: 'bad key' } });
      const passedOn = await post(gateway, { model, messages: [{ role: 'user', content: 'Hi' }] });
      expect(passedOn.status).toBe(401);
      expect(errorGaps((await passedOn.json()) as Record<string, unknown>)).toEqual([]);
      const own = await post(gateway, { model, messages: [] });
      expect(own.status).toBe(400);
      expect(errorGaps((await own.json()) as Record<string, unknown>)).toEqual([]);
    });
  }

  for (const { format, model } of FORMAT_CASES) {
    it(`tool calls and reasoning, whole and streamed, with ${model}`, async () => {
      const gateway = h.gatewayFor({ retry: { maxRetries: 0 } });
      const behavior = { reasoning: 'The user wants the weather.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] };
      const body = { model, messages: [{ role: 'user', content: 'Weather in Oslo?' }], tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }] };
      h.mock.script(format, behavior);
      expect(completionGaps(await (await post(gateway, body)).json())).toEqual([]);
      h.mock.script(format, behavior);
      const text = await (await post(gateway, { ...body, stream: true, stream_options: { include_usage: true } })).text();
      const chunks = text.split('\n\n').filter((e) => e.startsWith('data: ') && !e.includes('[DONE]')).map((e) => JSON.parse(e.slice(6)) as unknown);
      expect(chunks.flatMap(chunkGaps)).toEqual([]);
    });
  }

  it('embeddings conform to CreateEmbeddingResponse', async () => {
    const gateway = h.gatewayFor({ retry: { maxRetries: 0 } });
    const response = await gateway.fetch(new Request('http://switchyard.local/v1/embeddings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai/text-embedding-3-small', input: ['one', 'two'] }) }));
    expect(response.status).toBe(200);
    expect(departures('openai', 'CreateEmbeddingResponse', await response.json())).toEqual([]);
  });
});
