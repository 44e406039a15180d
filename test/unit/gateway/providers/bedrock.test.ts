import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createGateway, type ProviderConfig } from '../../../../lib/gateway';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { bedrockAdapter } from '../../../../lib/gateway/providers/bedrock';
import { bedrockEmbeddings } from '../../../../lib/gateway/providers/bedrock/embeddings';
import { mockVector } from '../../../mock-provider/embeddings';
import { BEDROCK_API_KEY, BEDROCK_CREDENTIALS } from '../../../mock-provider/bedrock';
import { context, fixtureJson } from '../../../support/fixtures';
import { useMock } from '../../../support/gateway-harness';
import { shippedCatalog } from '../../../support/fixtures';

const state = useMock();
const [accessKeyId, secretAccessKey] = Object.entries(BEDROCK_CREDENTIALS)[0]!;
const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

const bedrock = (key: unknown = { accessKeyId, secretAccessKey }): ProviderConfig => ({
  id: 'bedrock',
  kind: 'bedrock',
  preset: 'bedrock',
  baseUrl: state.mock.baseUrl('bedrock'),
  region: 'us-east-1',
  apiKey: typeof key === 'string' ? key : JSON.stringify(key),
});

/** A streamed answer folded into the assistant message a client sends back (reasoning_details joined). */
async function streamedMessage(messages: OpenAI.ChatCompletionMessageParam[], tools: OpenAI.ChatCompletionTool[]) {
  const stream = await client().chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages, tools, stream: true, reasoning: { effort: 'low' } } as OpenAI.ChatCompletionCreateParamsStreaming);
  const message = { role: 'assistant' as const, content: null as string | null, tool_calls: [] as { id: string; type: 'function'; function: { name: string; arguments: string } }[], reasoning_details: [] as unknown[] };
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[]; reasoning_details?: unknown[] } | undefined;
    for (const call of delta?.tool_calls ?? []) {
      message.tool_calls[call.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
      if (call.id) message.tool_calls[call.index]!.id = call.id;
      message.tool_calls[call.index]!.function.name += call.function?.name ?? '';
      message.tool_calls[call.index]!.function.arguments += call.function?.arguments ?? '';
    }
    message.reasoning_details.push(...(delta?.reasoning_details ?? []));
  }
  return message;
}

function client(provider = bedrock()) {
  const gateway = createGateway({ providers: [provider], onRecord: (r) => state.records.push(r), retry: { maxRetries: 0 }, catalog: shippedCatalog() });
  return new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
}

describe('Bedrock Converse: mapping', () => {
  it('sends alternating turns with tool uses and results, the system prompt and inference settings, to the model’s escaped path', async () => {
    const request = ChatRequest.parse({
      model: 'x',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Top song on WZPZ?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'tooluse_1', type: 'function', function: { name: 'top_song', arguments: '{"sign":"WZPZ"}' } }] },
        { role: 'tool', tool_call_id: 'tooluse_1', content: 'Elemental Hotel' },
      ],
      tools: [{ type: 'function', function: { name: 'top_song', description: 'Most popular song', parameters: { type: 'object', properties: { sign: { type: 'string' } } } } }],
      max_tokens: 200,
      temperature: 0.5,
      stop: ['END'],
    });
    const upstream = await bedrockAdapter.buildRequest(request, context({ kind: 'bedrock', id: 'bedrock', baseUrl: 'https://bedrock-runtime.eu-west-1.amazonaws.com', apiKey: 'ABSKkey' }, claude));
    expect(upstream.url).toBe('https://bedrock-runtime.eu-west-1.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(upstream.init.headers.authorization).toBe('Bearer ABSKkey');
    expect(JSON.parse(upstream.init.body!)).toEqual({
      messages: [
        { role: 'user', content: [{ text: 'Top song on WZPZ?' }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'top_song', input: { sign: 'WZPZ' } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'Elemental Hotel' }], status: 'success' } }] },
      ],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 200, temperature: 0.5, stopSequences: ['END'] },
      toolConfig: { tools: [{ toolSpec: { name: 'top_song', description: 'Most popular song', inputSchema: { json: { type: 'object', properties: { sign: { type: 'string' } } } } } }], toolChoice: { auto: {} } },
    });
  });

  it('reads the answer of AWS’s own example: the tool use, why it stopped, the tokens', () => {
    const completion = bedrockAdapter.parseResponse(fixtureJson('bedrock/converse-tool-use.json'), context({ kind: 'bedrock' }, claude));
    expect(completion.toolCalls).toEqual([{ id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', type: 'function', function: { name: 'top_song', arguments: '{"sign":"WZPZ"}' } }]);
    expect(completion.finishReason).toBe('tool_calls');
    expect(completion.usage).toEqual({ prompt: 375, completion: 53, cached: 0, cacheWrite: 0, reasoning: 0 });
  });
});

describe('Bedrock through the gateway, SigV4 checked by the mock with the AWS SDKs’ own signer', () => {
  it('answers a catalog model (Claude Sonnet 4.5 on Bedrock) signed with AWS credentials, priced at its list price', async () => {
    state.mock.script('bedrock', { text: 'From Bedrock.', usage: { prompt: 1000, completion: 100 } });
    const answer = await client().chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]!.message.content).toBe('From Bedrock.');
    const sent = state.mock.requests.at(-1)!;
    expect(sent.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(String(sent.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDMOCKEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(state.records[0]).toMatchObject({ provider: 'bedrock', model: 'anthropic/claude-sonnet-4-5', status: 'ok' });
    expect(state.records[0]!.cost).toBeCloseTo((1000 * 3 + 100 * 15) / 1e6, 12);
  });

  it('streams text and a tool call decoded from binary event-stream frames, with a session token signed too', async () => {
    state.mock.script('bedrock', { text: 'Checking the weather.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const stream = await client(bedrock({ accessKeyId, secretAccessKey, sessionToken: 'session-token-1' })).chat.completions.create({
      model: 'amazon/nova-pro-v1',
      stream: true,
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    });
    let text = '';
    let args = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      args += chunk.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('Checking the weather.');
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
    expect(finish).toBe('tool_calls');
    expect(state.mock.requests.at(-1)!.headers['x-amz-security-token']).toBe('session-token-1');
    expect(state.records[0]).toMatchObject({ model: 'amazon/nova-pro-v1', usageEstimated: false });
  });

  it('takes a Bedrock API key as a bearer token', async () => {
    state.mock.script('bedrock', { text: 'Keyed.' });
    const answer = await client(bedrock(BEDROCK_API_KEY)).chat.completions.create({ model: 'bedrock/us.amazon.nova-micro-v1:0', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]!.message.content).toBe('Keyed.');
  });

  it('a wrong secret is AWS’s 403 signature error, shown as a refused key; a mid-stream throttle and a corrupt frame end the stream with a clear error', async () => {
    await expect(client(bedrock({ accessKeyId, secretAccessKey: 'wrong' })).chat.completions.create({ model: 'amazon/nova-lite-v1', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('The request signature we calculated does not match'),
    });
    state.mock.script('bedrock', { text: 'one two three four', fault: { type: 'stream-error', afterChunks: 2, message: 'Too many requests, please wait before trying again.' } });
    const throttled = await client().chat.completions.create({ model: 'amazon/nova-lite-v1', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    await expect(
      (async () => {
        for await (const _ of throttled);
      })(),
    ).rejects.toThrow(/Too many requests/);
    // Broken before the first token: the request fails (and could fall back), naming the fault.
    state.mock.script('bedrock', { text: 'one two', fault: { type: 'malformed', afterChunks: 1 } });
    await expect(client().chat.completions.create({ model: 'amazon/nova-lite-v1', stream: true, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('event-stream framing is broken (The message checksum'),
    });
  });

  it('embeds with Cohere Embed on Bedrock (InvokeModel, signed), counting tokens itself; other Bedrock models are refused by name', async () => {
    const result = await client().embeddings.create({ model: 'cohere/embed-english-v3', input: ['first', 'second'] });
    expect(result.data.map((d) => d.embedding.length)).toEqual([1024, 1024]);
    mockVector('second', 1024).forEach((v, i) => expect(result.data[1]!.embedding[i]).toBeCloseTo(v, 6));
    expect(state.mock.requests.at(-1)!.path).toBe('/model/cohere.embed-english-v3/invoke');
    expect(state.mock.requests.at(-1)!.body).toEqual({ texts: ['first', 'second'], input_type: 'search_document', truncate: 'END' });
    expect(state.records.at(-1)).toMatchObject({ endpoint: 'embeddings', provider: 'bedrock', usageEstimated: true, status: 'ok' });
    expect(bedrockEmbeddings.parseResponse(fixtureJson('bedrock/cohere-embed.json'), { provider: bedrock(), model: 'cohere.embed-english-v3', inputs: { texts: ['a', 'b'] } }).vectors).toHaveLength(2);
    await expect(client().embeddings.create({ model: 'bedrock/amazon.titan-embed-text-v2:0', input: 'x' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Cohere Embed models only') });
  });

  it.each([false, true])('lets Claude think on Bedrock and gives its signed thinking back each tool step, checked by the mock (stream: %s)', async (stream) => {
    state.mock.script('bedrock', { reasoning: 'The weather first.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { reasoning: 'Known now.', text: '4 °C.' });
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }];
    const ask = (messages: OpenAI.ChatCompletionMessageParam[]) =>
      client().chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages, tools, reasoning: { effort: 'low' } } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const first = stream ? await streamedMessage(messages, tools) : (await ask(messages)).choices[0]!.message;
    const call = first.tool_calls![0]!;
    messages.push(first as OpenAI.ChatCompletionMessageParam, { role: 'tool', tool_call_id: call.id, content: '{"celsius":4}' });
    expect((await ask(messages)).choices[0]!.message.content).toBe('4 °C.');
    const sent = state.mock.requests.at(-1)!.body as { additionalModelRequestFields: unknown; messages: { role: string; content: Record<string, unknown>[] }[] };
    expect(sent.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(sent.messages[1]!.content[0]).toEqual({ reasoningContent: { reasoningText: { text: 'The weather first.', signature: expect.stringMatching(/^mock-bedrock-/) } } });
  });

  it('is refused by Converse’s own rules when a model needs an inference profile', async () => {
    await expect(client().chat.completions.create({ model: 'bedrock/anthropic.claude-haiku-4-5-20251001-v1:0', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('inference profile'),
    });
  });
});
