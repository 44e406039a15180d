import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_CASES, useHarness } from '../../support/gateway-harness';

const h = useHarness();
let client: OpenAI;
beforeAll(() => {
  client = h.client();
});

describe.each(FORMAT_CASES)('the openai client through the gateway to $format', ({ format, model, provider, usdPerMillion }) => {
  it('gets a plain completion with usage and cost', async () => {
    h.mock.script(format, { text: 'Paris is the capital of France.', usage: { prompt: 1000, completion: 200 } });
    const completion = await client.chat.completions.create({
      model,
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      max_tokens: 100,
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.message.content).toBe('Paris is the capital of France.');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 });
    const usage = completion.usage as unknown as { cost: number };
    const record = h.records[0]!;
    expect(h.records).toHaveLength(1);
    expect(record).toMatchObject({ status: 'ok', provider: provider.id, stream: false, requestedModel: model });
    expect(record.attempts).toEqual([expect.objectContaining({ provider: provider.id, status: 'ok' })]);
    expect(usage.cost).toBe(record.cost);
    expect(usage.cost).toBeCloseTo((1000 * usdPerMillion[0] + 200 * usdPerMillion[1]) / 1e6, 12);
  });

  it('streams chunks, then a usage chunk, then [DONE]', async () => {
    // Paced like a real provider, so each word arrives in a read of its own.
    h.mock.script(format, { text: 'One two three four five.', usage: { prompt: 50, completion: 7 }, chunkDelayMs: 15 });
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Count to five.' }],
      stream: true,
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('One two three four five.');
    expect(chunks).toBeGreaterThan(3);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 50, completion_tokens: 7, total_tokens: 57 });
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ status: 'ok', stream: true, usageEstimated: false });
    expect(h.records[0]!.ttftMs).not.toBeNull();
  });

  it('streams a long answer with quotes, escapes and emoji intact, every chunk under the gateway’s own id, deltas read together sent together', async () => {
    const pieces = Array.from({ length: 600 }, (_, i) => (i % 9 === 0 ? `"${i}" \\ é 🎉\n` : `w${i} `));
    h.mock.script(format, { text: pieces.join(''), chunks: pieces.length, usage: { prompt: 5, completion: 600 } });
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Go on.' }], stream: true });
    let text = '';
    const ids = new Set<string>();
    const models = new Set<string>();
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      ids.add(chunk.id);
      models.add(chunk.model);
    }
    expect(text).toBe(pieces.join(''));
    // The mock writes the answer at once: deltas that arrive in one read go on as one chunk.
    expect(chunks).toBeLessThan(pieces.length / 2);
    expect([...ids]).toHaveLength(1);
    expect(models.size).toBe(1);
    expect(h.records[0]).toMatchObject({ status: 'ok', usage: { prompt: 5, completion: 600 } });
  });

  it('calls a tool, streamed and not', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    h.mock.script(format, { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });

    const completion = await client.chat.completions.create({ model, messages, tools });
    const call = completion.choices[0]!.message.tool_calls?.[0];
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo' });

    const stream = client.chat.completions.stream({ model, messages, tools });
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0]!.message.tool_calls?.[0];
    expect(streamed?.type === 'function' && streamed.function.name).toBe('get_weather');
    expect(streamed?.type === 'function' && JSON.parse(streamed.function.arguments)).toEqual({ city: 'Oslo' });
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');

    // The tool result goes back in the provider's own format and the model answers.
    h.mock.script(format, { text: 'It is 4 °C in Oslo.' });
    const followUp = await client.chat.completions.create({
      model,
      tools,
      messages: [
        ...messages,
        completion.choices[0]!.message,
        { role: 'tool', tool_call_id: call!.id, content: JSON.stringify({ celsius: 4 }) },
      ],
    });
    expect(followUp.choices[0]!.message.content).toBe('It is 4 °C in Oslo.');
  });

  it('answers in JSON when asked for a schema', async () => {
    h.mock.script(format, { json: { city: 'Paris', country: 'France' } });
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Capital of France as JSON' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'capital', schema: { type: 'object', properties: { city: { type: 'string' }, country: { type: 'string' } } } },
      },
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ city: 'Paris', country: 'France' });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
  });

  it('turns a provider error into an OpenAI error with the provider’s words', async () => {
    // A Retry-After beyond the gateway's cap is not waited for: the caller gets it.
    h.mock.script(format, { fault: { type: 'status', status: 429, message: 'Slow down, mock quota reached', retryAfter: '60' } });
    const error = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(429);
    expect(apiError.message).toContain('Slow down, mock quota reached');
    expect(apiError.message).toContain(provider.id);
    expect(apiError.headers?.get('retry-after')).toBe('60');
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ status: 'error', error: { status: 429 } });
  });
});
