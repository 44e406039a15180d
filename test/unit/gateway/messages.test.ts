import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

function anthropicClient() {
  const gateway = h.gatewayFor();
  return new Anthropic({ baseURL: 'http://switchyard.local', apiKey: 'unused', maxRetries: 0, fetch: (url, init) => gateway.fetch(new Request(url, init)) });
}

const lastBody = () => h.mock.requests.at(-1)!.body as Record<string, unknown>;

describe('the Messages API served on top of any provider (Anthropic SDK)', () => {
  it('answers a plain request from an OpenAI-compatible model, with system blocks, stop sequences and usage as Anthropic counts it', async () => {
    h.mock.script('openai', { text: 'The yard sorts wagons.', usage: { prompt: 1_200, completion: 7, cached: 1_000 } });
    const message = await anthropicClient().messages.create({
      model: 'openai/gpt-4o-mini',
      max_tokens: 256,
      system: [{ type: 'text', text: 'Be brief.' }],
      stop_sequences: ['END'],
      metadata: { user_id: 'dev-7' },
      messages: [{ role: 'user', content: 'What does a hump yard do?' }],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-4o-mini',
      content: [{ type: 'text', text: 'The yard sorts wagons.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 200, output_tokens: 7, cache_read_input_tokens: 1_000, cache_creation_input_tokens: 0 },
    });
    expect(message.id).toMatch(/^msg_/);
    const sent = lastBody();
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What does a hump yard do?' },
    ]);
    expect(sent).toMatchObject({ max_tokens: 256, stop: ['END'] });
    // metadata.user_id is the client's business, not the provider's.
    expect(sent.user).toBeUndefined();
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ endpoint: 'messages', status: 'ok', model: 'openai/gpt-4o-mini' });
  });

  it('streams in Anthropic’s event order, and the SDK assembles the message', async () => {
    h.mock.script('gemini', { text: 'Streamed from Gemini, piece by piece.', chunks: 4 });
    const stream = anthropicClient().messages.stream({ model: 'google/gemini-2.5-flash', max_tokens: 128, messages: [{ role: 'user', content: 'Say something.' }] });
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Streamed from Gemini, piece by piece.' })]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(events.filter((e) => e === 'content_block_start')).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ endpoint: 'messages', stream: true, status: 'ok' });
  });

  it('calls a tool, and takes its result back, on a model that is not Claude', async () => {
    const client = anthropicClient();
    const tools = [{ name: 'get_track', description: 'Which track a train leaves from', input_schema: { type: 'object' as const, properties: { train: { type: 'string' } }, required: ['train'] } }];
    h.mock.script('ollama', { toolCalls: [{ name: 'get_track', arguments: { train: '08:15 to Oslo' } }] });
    const first = await client.messages.create({ model: 'ollama/llama3.2', max_tokens: 200, tools, tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: 'Where does the 08:15 leave from?' }] });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((b) => b.type === 'tool_use')!;
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_track', input: { train: '08:15 to Oslo' } });
    expect(lastBody().tools).toEqual([{ type: 'function', function: { name: 'get_track', description: 'Which track a train leaves from', parameters: tools[0]!.input_schema } }]);

    h.mock.script('ollama', { text: 'Track 7.' });
    const second = await client.messages.create({
      model: 'ollama/llama3.2',
      max_tokens: 200,
      tools,
      messages: [
        { role: 'user', content: 'Where does the 08:15 leave from?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: [{ type: 'text', text: 'track 7' }] }] },
      ],
    });
    expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: 'Track 7.' })]);
    const messages = lastBody().messages as { role: string; content: unknown; tool_name?: string }[];
    expect(messages.at(-1)).toMatchObject({ role: 'tool', content: 'track 7', tool_name: 'get_track' });
  });

  it("streams a tool call as input_json_delta, and the SDK parses its input", async () => {
    h.mock.script('openai', { toolCalls: [{ name: 'get_track', arguments: { train: 'IC 42', platform: true } }] });
    const message = await anthropicClient()
      .messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 100, tools: [{ name: 'get_track', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'IC 42?' }] })
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((b) => b.type === 'tool_use')).toMatchObject({ name: 'get_track', input: { train: 'IC 42', platform: true } });
  });

  it("keeps Claude's signed thinking across turns: the thinking block goes back with its signature, and Claude accepts it", async () => {
    const client = anthropicClient();
    const tools = [{ name: 'lookup', input_schema: { type: 'object' as const } }];
    h.mock.script('anthropic', { reasoning: 'The user wants the track; I should look it up.', toolCalls: [{ name: 'lookup', arguments: { q: 'track' } }] });
    const first = await client.messages
      .stream({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 4_000, thinking: { type: 'enabled', budget_tokens: 2_000 }, tools, messages: [{ role: 'user', content: 'Which track?' }] })
      .finalMessage();
    const thinking = first.content.find((b) => b.type === 'thinking');
    expect(thinking).toMatchObject({ type: 'thinking', thinking: 'The user wants the track; I should look it up.' });
    expect((thinking as { signature: string }).signature.length).toBeGreaterThan(10);
    const sentFirst = lastBody() as { thinking?: unknown };
    expect(sentFirst.thinking).toEqual({ type: 'enabled', budget_tokens: 2_000 });

    h.mock.script('anthropic', { text: 'Track 7.' });
    const call = first.content.find((b) => b.type === 'tool_use')!;
    const second = await client.messages.create({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 4_000,
      thinking: { type: 'enabled', budget_tokens: 2_000 },
      tools,
      messages: [
        { role: 'user', content: 'Which track?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'track 7' }] },
      ],
    });
    expect(second.content.at(-1)).toMatchObject({ type: 'text', text: 'Track 7.' });
    const assistant = (lastBody().messages as { role: string; content: { type: string; signature?: string }[] }[]).find((m) => m.role === 'assistant')!;
    expect(assistant.content[0]).toMatchObject({ type: 'thinking', signature: (thinking as { signature: string }).signature });
  });

  it('counts tokens', async () => {
    const counted = await anthropicClient().messages.countTokens({ model: 'anthropic/claude-sonnet-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'word '.repeat(400) }] });
    expect(counted.input_tokens).toBeGreaterThan(400);
    expect(counted.input_tokens).toBeLessThan(600);
    expect(h.mock.requests).toHaveLength(0);
  });

  it('answers errors in Anthropic’s shape with the fitting status', async () => {
    const client = anthropicClient();
    const missing = await client.messages.create({ model: 'nobody/none', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    expect((missing as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const invalid = await client.messages.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(Anthropic.BadRequestError);
    expect((invalid as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
    h.mock.script('openai', { fault: { type: 'status', status: 401, message: 'Incorrect API key provided' } });
    const refused = await client.messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((refused as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ error: { type: 'authentication_error', message: expect.stringContaining('Incorrect API key') } });
    // Every request is booked once, refused ones too.
    expect(h.records.map((r) => r.endpoint)).toEqual(['messages', 'messages', 'messages']);
  });

  it('leaves out Anthropic server tools it cannot run, and says which', async () => {
    const gateway = h.gatewayFor();
    h.mock.script('ollama', { text: 'No search here.' });
    const response = await gateway.fetch(
      new Request('http://switchyard.local/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'ollama/llama3.2',
          max_tokens: 50,
          tools: [{ type: 'code_execution_20250522', name: 'code_execution' }, { type: 'web_search_20250305', name: 'web_search', max_uses: 3 }, { name: 'calc', input_schema: { type: 'object' } }],
          messages: [{ role: 'user', content: 'Search the news.' }],
        }),
      }),
    );
    expect(response.status).toBe(200);
    // Code execution runs nowhere here; web search runs where the model has a search of its own, and a local model has none.
    expect(response.headers.get('x-switchyard-tools-left-out')).toBe('code_execution, web_search');
    expect((lastBody().tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['calc']);
  });

  it("takes Claude Code's first request as it sends it (recorded shape), on OpenAI, Gemini and Ollama models", async () => {
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/messages/claude-code-first-request.json', import.meta.url), 'utf8')) as { url: string; headers: Record<string, string>; body: Record<string, unknown> };
    const gateway = h.gatewayFor();
    for (const model of ['openai/gpt-4o-mini', 'google/gemini-2.5-flash', 'ollama/llama3.2']) {
      const response = await gateway.fetch(
        new Request(`http://switchyard.local${recorded.url}`, {
          method: 'POST',
          headers: { ...recorded.headers, 'content-type': 'application/json', authorization: 'Bearer sy-team-x' },
          body: JSON.stringify({ ...recorded.body, model }),
        }),
      );
      expect(response.status, model).toBe(200);
      const events = (await response.text()).split('\n\n').filter(Boolean).map((e) => /^event: (\S+)/.exec(e)?.[1]);
      expect(events[0]).toBe('message_start');
      expect(events.at(-1)).toBe('message_stop');
      // Each provider's own tool shape: the tools are there by name, the deferred placeholder is not.
      const tools = JSON.stringify(lastBody().tools);
      expect(tools).toContain('"Bash"');
      expect(tools).toContain('"Read"');
      expect(tools).not.toContain('DeferredToolPlaceholder');
    }
    // gpt-4o-mini writes at most 16,384 tokens and does not reason: Claude's 32,000 and adaptive thinking are fitted to it.
    const openai = h.mock.requests.find((r) => r.format === 'openai')!.body;
    expect(openai.max_tokens).toBe(16_384);
    expect(openai.reasoning_effort).toBeUndefined();
  });
});
