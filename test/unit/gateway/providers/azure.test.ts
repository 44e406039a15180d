import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type ProviderConfig } from '../../../../lib/gateway';
import { FILTERED_PROMPT } from '../../../mock-provider/azure';
import { mockVector } from '../../../mock-provider/embeddings';
import type { MockProvider } from '../../../mock-provider/server';
import { useMock } from '../../../support/gateway-harness';
import { shippedCatalog } from '../../../support/fixtures';

const state = useMock();
const records = state.records;
let mock: MockProvider;
beforeEach(() => {
  mock = state.mock;
});

const azure = (overrides: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: 'azure',
  kind: 'azure',
  preset: 'azure',
  baseUrl: mock.baseUrl('azure'),
  apiKey: 'az-key-1',
  deployments: { 'openai/gpt-4o': 'gpt-4o-prod', 'openai/gpt-4o-mini': 'mini-prod', 'openai/text-embedding-3-small': 'embed-small' },
  ...overrides,
});

function client(provider = azure()) {
  const gateway = createGateway({ providers: [provider], onRecord: (r) => records.push(r), retry: { maxRetries: 0 }, catalog: shippedCatalog() });
  return { gateway, client: new OpenAI({ baseURL: 'http://x/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) }) };
}

describe('Azure OpenAI', () => {
  it('sends a catalog model to its deployment with the api-key header and api-version, priced at the model’s list price', async () => {
    mock.script('azure', { text: 'From Azure.', usage: { prompt: 100, completion: 50 } });
    const answer = await client().client.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]!.message.content).toBe('From Azure.');
    const sent = mock.requests.at(-1)!;
    expect(sent.path).toBe('/openai/deployments/gpt-4o-prod/chat/completions');
    expect(sent.query.get('api-version')).toBe('2024-10-21');
    expect(sent.headers['api-key']).toBe('az-key-1');
    expect(sent.headers.authorization).toBeUndefined();
    expect(records[0]).toMatchObject({ provider: 'azure', model: 'openai/gpt-4o', priced: true });
    expect(records[0]!.cost).toBeCloseTo((100 * 2.5 + 50 * 10) / 1e6, 12);
  });

  it('takes a deployment by name too ("azure/<deployment>"), streams past Azure’s filter-results chunk, and uses the api-version set', async () => {
    mock.script('azure', { text: 'one two three' });
    const stream = await client(azure({ apiVersion: '2025-01-01-preview' })).client.chat.completions.create({ model: 'azure/mini-prod', stream: true, messages: [{ role: 'user', content: 'count' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('one two three');
    expect(mock.requests.at(-1)!.query.get('api-version')).toBe('2025-01-01-preview');
    expect(records[0]).toMatchObject({ model: 'openai/gpt-4o-mini', status: 'ok' });
  });

  it('says what Azure refused: the content filter with its categories, an unknown deployment, a bad key', async () => {
    const { client: c } = client();
    await expect(c.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: `Please ${FILTERED_PROMPT}` }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("Azure's content filter refused the prompt (violence (medium))"),
    });
    await expect(c.chat.completions.create({ model: 'azure/not-deployed', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Check the deployment names set for this provider'),
    });
    await expect(client(azure({ apiKey: 'bad-key' })).client.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('invalid subscription key'),
    });
  });

  it('embeds through a deployed embedding model, and lists what is deployed', async () => {
    const { client: c, gateway } = client();
    const result = await c.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'azure text' });
    mockVector('azure text', 1536).forEach((v, i) => expect(result.data[0]!.embedding[i]).toBeCloseTo(v, 6));
    expect(mock.requests.at(-1)!.path).toBe('/openai/deployments/embed-small/embeddings');
    const models = (await (await gateway.fetch(new Request('http://x/v1/models'))).json()) as { data: { id: string; providers: string[] }[] };
    expect(models.data.map((m) => m.id).sort()).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/text-embedding-3-small']);
  });
});
