import OpenAI from 'openai';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { beforeEach, describe, expect, it } from 'vitest';
import { createGateway, tiktokenCounter, type GatewayOptions, type ProviderConfig } from '../../../lib/gateway';
import { mockTokens, mockVector } from '../../mock-provider/embeddings';
import type { MockProvider } from '../../mock-provider/server';
import { useMock } from '../../support/gateway-harness';
import { shippedCatalog } from '../../support/fixtures';

const state = useMock();
const records = state.records;
let mock: MockProvider;
beforeEach(() => {
  mock = state.mock;
});

const tokenizer = tiktokenCounter(cl100k);
const providers = (): ProviderConfig[] => [
  { id: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai'), apiKey: 'sk-embed' },
  { id: 'google', kind: 'gemini', baseUrl: mock.baseUrl('gemini'), apiKey: 'g-key' },
  { id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama') },
  { id: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic'), apiKey: 'a-key' },
];

function setUp(options: Partial<GatewayOptions> = {}, configured = providers()) {
  const gateway = createGateway({ providers: configured, onRecord: (r) => records.push(r), tokenizer, retry: { maxRetries: 0 }, catalog: shippedCatalog(), ...options });
  const client = new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
  return { gateway, client };
}

const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
};

describe('POST /embeddings through the openai SDK', () => {
  it('embeds texts on OpenAI: the SDK’s default base64 decodes to the provider’s floats, priced and recorded once', async () => {
    const { client } = setUp();
    const result = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: ['hello', 'switchyard'] });
    expect(result.data.map((d) => d.index)).toEqual([0, 1]);
    close(result.data[0]!.embedding, mockVector('hello', 1536));
    close(result.data[1]!.embedding, mockVector('switchyard', 1536));
    expect(result.model).toBe('openai/text-embedding-3-small');
    const tokens = mockTokens('hello') + mockTokens('switchyard');
    expect(result.usage).toMatchObject({ prompt_tokens: tokens, total_tokens: tokens });
    expect(mock.requests.at(-1)!.body).toEqual({ model: 'text-embedding-3-small', input: ['hello', 'switchyard'], encoding_format: 'float' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ endpoint: 'embeddings', status: 'ok', provider: 'openai', model: 'openai/text-embedding-3-small', usageEstimated: false, priced: true });
    expect(records[0]!.usage.prompt).toBe(tokens);
    expect(records[0]!.cost).toBeCloseTo((tokens * 0.02) / 1e6, 12);
  });

  it('honours encoding_format "float" and dimensions', async () => {
    const { client } = setUp();
    const result = await client.embeddings.create({ model: 'openai/text-embedding-3-large', input: 'short', dimensions: 256, encoding_format: 'float' });
    expect(result.data[0]!.embedding).toHaveLength(256);
    close(result.data[0]!.embedding, mockVector('short', 256));
  });

  it('embeds on Gemini (batchEmbedContents), counting the tokens itself since Gemini reports none', async () => {
    const { client } = setUp();
    const result = await client.embeddings.create({ model: 'google/gemini-embedding-001', input: ['one text', 'another'], dimensions: 768 });
    expect(result.data).toHaveLength(2);
    close(result.data[1]!.embedding, mockVector('another', 768));
    expect(mock.requests.at(-1)!.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(records[0]).toMatchObject({ endpoint: 'embeddings', provider: 'google', usageEstimated: true });
    expect(records[0]!.usage.prompt).toBe(tokenizer.count('one text') + tokenizer.count('another'));
  });

  it('embeds on Ollama (/api/embed) with its token count, at no cost', async () => {
    const { client } = setUp();
    const result = await client.embeddings.create({ model: 'nomic-ai/nomic-embed-text', input: 'local only' });
    close(result.data[0]!.embedding, mockVector('local only', 768));
    expect(records[0]).toMatchObject({ provider: 'ollama', cost: 0, usageEstimated: false });
    expect(records[0]!.usage.prompt).toBe(mockTokens('local only'));
  });

  it('falls back to the next model of the chain when a provider fails, and records both attempts', async () => {
    const { client } = setUp();
    mock.script('openai', { fault: { type: 'status', status: 503 } });
    const result = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'x', models: ['nomic-ai/nomic-embed-text'] } as OpenAI.EmbeddingCreateParams);
    expect(result.data[0]!.embedding).toHaveLength(768);
    expect(records).toHaveLength(1);
    expect(records[0]!.attempts.map((a) => [a.provider, a.status])).toEqual([
      ['openai', 'error'],
      ['ollama', 'ok'],
    ]);
  });

  it('passes the budget hook the most the request can cost, and sends nothing when it refuses', async () => {
    const seen: number[] = [];
    const { client } = setUp({
      beforeRequest: ({ maxCost }) => {
        seen.push(maxCost);
        throw Object.assign(new Error('over budget'), { status: 402 });
      },
    });
    await expect(client.embeddings.create({ model: 'openai/text-embedding-3-large', input: 'a budgeted text' })).rejects.toThrow();
    expect(seen[0]).toBeCloseTo((tokenizer.count('a budgeted text') * 0.13) / 1e6, 12);
    expect(mock.requests).toHaveLength(0);
    expect(records[0]!.status).toBe('error');
  });
});

describe('embeddings refused with a clear error', () => {
  async function refusal(body: Record<string, unknown>, configured?: ProviderConfig[]) {
    const { gateway } = setUp({}, configured);
    const response = await gateway.fetch(new Request('http://x/v1/embeddings', { method: 'POST', body: JSON.stringify(body) }));
    return { status: response.status, error: ((await response.json()) as { error: { code: string; message: string } }).error };
  }

  it('a chat model sent to /embeddings, and an embedding model sent to /chat/completions', async () => {
    const chat = await refusal({ model: 'openai/gpt-4o-mini', input: 'x' });
    expect(chat.status).toBe(400);
    expect(chat.error.code).toBe('not_an_embedding_model');
    expect(chat.error.message).toContain('GPT-4o mini is a chat model');
    const { gateway } = setUp();
    const response = await gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'openai/text-embedding-3-small', messages: [{ role: 'user', content: 'hi' }] }) }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'not_a_chat_model', message: expect.stringContaining('POST /embeddings') });
    expect(mock.requests).toHaveLength(0);
  });

  it('more dimensions than the model makes, a provider without an embeddings API, "auto", empty input', async () => {
    expect((await refusal({ model: 'openai/text-embedding-3-small', input: 'x', dimensions: 4096 })).error.message).toContain('at most 1536 dimensions');
    expect((await refusal({ model: 'anthropic/claude-haiku-4-5', input: 'x' })).error.code).toBe('not_an_embedding_model');
    expect((await refusal({ model: 'anthropic/some-model', input: 'x' })).error.message).toContain('has no embeddings endpoint');
    expect((await refusal({ model: 'auto', input: 'x' })).error.code).toBe('auto_not_for_embeddings');
    const empty = await refusal({ model: 'openai/text-embedding-3-small', input: '' });
    expect(empty.status).toBe(400);
    expect(empty.error.message).toContain('input must not be empty');
    expect(mock.requests).toHaveLength(0);
  });

  it('the provider’s own refusal, in OpenAI’s shape: a bad key, and dimensions on a model that has none', async () => {
    const bad = await refusal({ model: 'openai/text-embedding-3-small', input: 'x' }, [{ id: 'openai', kind: 'openai', baseUrl: mock.baseUrl('openai'), apiKey: 'sk-bad' }]);
    expect(bad.status).toBe(401);
    expect(bad.error.message).toContain('Incorrect API key provided');
    const ada = await refusal({ model: 'openai/text-embedding-ada-002', input: 'x', dimensions: 512 });
    expect(ada.status).toBe(400);
    expect(ada.error.message).toContain('This model does not support specifying dimensions.');
    expect(records.every((r) => r.endpoint === 'embeddings' && r.status === 'error')).toBe(true);
  });
});
