import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../../lib/gateway';
import { parseAgentResponse } from '../../../lib/gateway/providers/perplexity/response';
import type { UsageRecord } from '../../../lib/gateway';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';
import { agentBase } from '../../../lib/gateway/providers/perplexity/request';

const h = useHarness();
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/perplexity-agent/sonar-search.json', import.meta.url), 'utf8')) as unknown;

const TEXT = 'The Gotthard Base Tunnel is 57.1 km long[1]. It opened in June 2016[2].';
const SEARCH = {
  queries: ['Gotthard Base Tunnel length'],
  sources: [
    { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', cites: '57.1 km' },
    { url: 'https://rail.example/history', title: 'Swiss rail history', cites: 'June 2016' },
  ],
};
const CITED = [
  { type: 'url_citation', url_citation: { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', start_index: 40, end_index: 43 } },
  { type: 'url_citation', url_citation: { url: 'https://rail.example/history', title: 'Swiss rail history', start_index: 67, end_index: 70 } },
];

function setUp(baseUrl: string) {
  const records: UsageRecord[] = [];
  const gateway = createGateway({ providers: [{ id: 'perplexity', kind: 'openai', preset: 'perplexity', baseUrl, apiKey: 'pplx-test' }], catalog: shippedCatalog(), retry: { maxRetries: 0 }, onRecord: (r) => records.push(r) });
  const client = new OpenAI({ apiKey: 'unused', baseURL: 'http://switchyard.local/v1', fetch: (input, init) => gateway.fetch(new Request(input as string, init as RequestInit)) });
  return { records, client };
}

describe("Perplexity's Sonar, through its Agent API", () => {
  it('reads an Agent API answer: text, the [n] marks as citations of its search results, one search', () => {
    const parsed = parseAgentResponse(fixture);
    expect(parsed.text).toBe(TEXT);
    expect(parsed.citations).toEqual([
      { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', start: 40, end: 43 },
      { url: 'https://rail.example/history', title: 'Swiss rail history', start: 67, end: 70 },
    ]);
    expect(parsed.usage).toMatchObject({ prompt: 12, completion: 21, searches: 1 });
    expect(parsed.searchQueries).toEqual(['Gotthard Base Tunnel length opening']);
  });

  it('the openai SDK asks perplexity/sonar through the gateway: sent to /v1/agent with its web search tool, cited and priced per request', async () => {
    const { client, records } = setUp(h.mock.baseUrl('openai', 'perplexity'));
    h.mock.script('openai', { target: 'perplexity', text: TEXT, search: SEARCH });
    const answer = await client.chat.completions.create({ model: 'perplexity/sonar', messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }] });
    const sent = h.mock.requests.at(-1)!;
    expect(sent.path).toBe('/v1/agent');
    expect(sent.body).toMatchObject({ model: 'perplexity/sonar', tools: [{ type: 'web_search' }] });
    expect(sent.body).not.toHaveProperty('store');
    expect(sent.body).not.toHaveProperty('include');
    const message = answer.choices[0]!.message as { content: string; annotations?: unknown[] };
    expect(message.content).toBe(TEXT);
    expect(message.annotations).toEqual(CITED);
    // Sonar's low-context request fee: $5 per 1,000 requests, apart in usage and in the cost.
    const usage = answer.usage as unknown as { search_cost: number; cost: number };
    expect(usage.search_cost).toBeCloseTo(0.005, 8);
    expect(usage.cost).toBeGreaterThan(0.005);
    expect(records.at(-1)).toMatchObject({ status: 'ok', provider: 'perplexity', searchCost: 0.005, usage: { searches: 1 } });
  });

  it('streams: the text as it comes, the marks cited before the usage, and a bigger context priced higher', async () => {
    const { client, records } = setUp(h.mock.baseUrl('openai', 'perplexity'));
    h.mock.script('openai', { target: 'perplexity', model: 'perplexity/sonar-pro', text: TEXT, search: SEARCH });
    const stream = await client.chat.completions.create({
      model: 'perplexity/sonar-pro',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }],
      web_search_options: { search_context_size: 'high' },
    } as never);
    let text = '';
    const annotations: unknown[] = [];
    let cost: number | undefined;
    for await (const chunk of stream as unknown as AsyncIterable<{ choices: { delta: { content?: string; annotations?: unknown[] } }[]; usage?: { search_cost?: number } }>) {
      text += chunk.choices[0]?.delta.content ?? '';
      annotations.push(...(chunk.choices[0]?.delta.annotations ?? []));
      cost = chunk.usage?.search_cost ?? cost;
    }
    expect(text).toBe(TEXT);
    expect(annotations).toEqual(CITED);
    expect(h.mock.requests.at(-1)!.body).toMatchObject({ model: 'perplexity/sonar-pro', tools: [{ type: 'web_search', search_context_size: 'high' }] });
    // Sonar Pro at high context: $14 per 1,000 requests.
    expect(cost).toBeCloseTo(0.014, 8);
    expect(records.at(-1)).toMatchObject({ status: 'ok', searchCost: 0.014 });
  });

  it('an older preset saved with the bare host (before the Agent API) is sent to the Agent API all the same', () => {
    expect(agentBase('https://api.perplexity.ai')).toBe('https://api.perplexity.ai/v1');
    expect(agentBase('https://api.perplexity.ai/v1/')).toBe('https://api.perplexity.ai/v1');
    expect(agentBase('http://127.0.0.1:9/t/perplexity/openai/v1')).toBe('http://127.0.0.1:9/t/perplexity/openai/v1');
  });
});
