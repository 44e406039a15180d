import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createGateway, type UsageRecord } from '../../../lib/gateway';
import type { SearchKind } from '../../../lib/gateway/search-providers';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

const QUESTION = 'How long is the Gotthard Base Tunnel?';
const ANSWER = 'It is 57.1 km long [1]. It opened in June 2016 [2].';

/** Each service's key as its users have it, and what one search costs there. */
const SERVICES: { kind: SearchKind; key: string; cost: number; keyHeader: string }[] = [
  { kind: 'brave', key: 'BSA-test', cost: 0.005, keyHeader: 'x-subscription-token' },
  { kind: 'tavily', key: 'tvly-test', cost: 0.008, keyHeader: 'authorization' },
  // Exa says what the search cost.
  { kind: 'exa', key: 'exa-test', cost: 0.007, keyHeader: 'x-api-key' },
];

function setUp(kind: SearchKind, key: string) {
  const records: UsageRecord[] = [];
  const gateway = createGateway({
    providers: h.providers,
    catalog: shippedCatalog(),
    retry: { maxRetries: 0 },
    onRecord: (r) => records.push(r),
    search: { kind, apiKey: key, baseUrl: `${h.mock.url}/${kind}` },
  });
  const client = new OpenAI({ apiKey: 'unused', baseURL: 'http://switchyard.local/v1', fetch: (input, init) => gateway.fetch(new Request(input as string, init as RequestInit)) });
  return { client, records };
}

const systemOf = (body: Record<string, unknown>) => String((body.messages as { role: string; content: unknown }[]).find((m) => m.role === 'system')?.content ?? '');

describe('web search for a model with none of its own, through the user’s search service', () => {
  for (const { kind, key, cost, keyHeader } of SERVICES) {
    it(`${kind}: the results go to the model as numbered sources, its [n] marks come back as url_citation annotations, the search priced`, async () => {
      const { client, records } = setUp(kind, key);
      h.mock.script('ollama', { text: ANSWER });
      const answer = await client.chat.completions.create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: QUESTION }], web_search_options: {} } as never);
      const searched = h.mock.requests.find((r) => r.target === 'search')!;
      expect(searched.headers[keyHeader]).toContain(key);
      expect(JSON.stringify(searched.body) + searched.query.toString()).toContain('Gotthard');
      const asked = h.mock.requests.at(-1)!;
      expect(asked.format).toBe('ollama');
      const system = systemOf(asked.body);
      expect(system).toContain('<result number="1">');
      expect(system).toContain('URL: https://tunnels.example/gotthard');
      expect(system).toContain('57.1 km long');
      expect(system).toContain('URL: https://rail.example/history');
      const message = answer.choices[0]!.message as { content: string; annotations?: { url_citation: { url: string; start_index: number } }[] };
      expect(message.content).toBe(ANSWER);
      expect(message.annotations!.map((a) => [a.url_citation.url, a.url_citation.start_index])).toEqual([
        ['https://tunnels.example/gotthard', ANSWER.indexOf('[1]')],
        ['https://rail.example/history', ANSWER.indexOf('[2]')],
      ]);
      expect((answer.usage as unknown as { search_cost: number }).search_cost).toBeCloseTo(cost, 8);
      expect(records.at(-1)).toMatchObject({ status: 'ok', searchCost: cost, usage: { searches: 1 } });
    });
  }

  it('streams the same: annotations before the usage', async () => {
    const { client } = setUp('tavily', 'tvly-test');
    h.mock.script('ollama', { text: ANSWER });
    const stream = await client.chat.completions.create({ model: 'ollama/llama3.2', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: QUESTION }], web_search_options: {} } as never);
    let text = '';
    const cited: string[] = [];
    for await (const chunk of stream as unknown as AsyncIterable<{ choices: { delta: { content?: string; annotations?: { url_citation: { url: string } }[] } }[] }>) {
      text += chunk.choices[0]?.delta.content ?? '';
      cited.push(...(chunk.choices[0]?.delta.annotations ?? []).map((a) => a.url_citation.url));
    }
    expect(text).toBe(ANSWER);
    expect(cited).toEqual(['https://tunnels.example/gotthard', 'https://rail.example/history']);
  });

  it('a refused search key: the model answers without, and the answer says search was left out', async () => {
    const { client, records } = setUp('tavily', 'wrong-key');
    h.mock.script('ollama', { text: 'Without the web.' });
    const raw = await client.chat.completions
      .create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: QUESTION }], web_search_options: {} } as never)
      .withResponse();
    expect(raw.data.choices[0]!.message.content).toBe('Without the web.');
    expect(raw.response.headers.get('x-switchyard-tools-left-out')).toBe('web_search');
    expect(systemOf(h.mock.requests.at(-1)!.body)).toBe('');
    expect(records.at(-1)!.searchCost ?? 0).toBe(0);
  });

  it('a model that searches on its own keeps its own search, and the service is not asked', async () => {
    const { client } = setUp('brave', 'BSA-test');
    h.mock.script('anthropic', { text: 'From Claude.' });
    await client.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: QUESTION }], web_search_options: {} } as never);
    expect(h.mock.requests.some((r) => r.target === 'search')).toBe(false);
    expect(JSON.stringify(h.mock.requests.at(-1)!.body.tools)).toContain('web_search');
  });

  it('with a fallback list: asked only when a model without search is tried, never for an answer that did not use it', async () => {
    const { client, records } = setUp('tavily', 'tvly-test');
    const body = { model: 'anthropic/claude-sonnet-4-5', models: ['anthropic/claude-sonnet-4-5', 'ollama/llama3.2'], messages: [{ role: 'user', content: QUESTION }], web_search_options: {} };
    h.mock.script('anthropic', { text: 'From Claude.' });
    await client.chat.completions.create(body as never);
    expect(h.mock.requests.some((r) => r.target === 'search')).toBe(false);

    h.mock.script('anthropic', { fault: { type: 'status', status: 503 } });
    h.mock.script('ollama', { text: ANSWER });
    const fellBack = await client.chat.completions.create(body as never);
    expect(h.mock.requests.filter((r) => r.target === 'search')).toHaveLength(1);
    expect(systemOf(h.mock.requests.at(-1)!.body)).toContain('<result number="1">');
    expect((fellBack.choices[0]!.message as { annotations?: unknown[] }).annotations).toHaveLength(2);
    expect(records.at(-1)).toMatchObject({ status: 'ok', provider: 'ollama', searchCost: 0.008 });
  });
});

