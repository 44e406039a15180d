import { describe, expect, it } from 'vitest';
import type { Format } from '../../mock-provider/server';
import type { MockSearch } from '../../mock-provider/search';
import { messagesEndpoint, responsesEndpoint } from '../../../lib/gateway';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';
import { departures } from '../../support/published-schemas';
import { openAIEventDepartures } from '../../support/responses-compliance';

const h = useHarness();

const TEXT = 'The Gotthard Base Tunnel is 57.1 km long. It opened in June 2016.';
const SEARCH: MockSearch = {
  queries: ['Gotthard Base Tunnel length'],
  sources: [
    { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', cites: 'The Gotthard Base Tunnel is 57.1 km long.' },
    { url: 'https://rail.example/history', title: 'Swiss rail history', cites: 'It opened in June 2016.' },
  ],
};
const CITED = [
  { type: 'url_citation', url_citation: { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', start_index: 0, end_index: 41 } },
  { type: 'url_citation', url_citation: { url: 'https://rail.example/history', title: 'Swiss rail history', start_index: 42, end_index: 65 } },
];

/** Models that search on their own, each through its provider's own search (the mock answers in its shape). */
const SEARCHERS: { model: string; format: Format; searchCost: number }[] = [
  // Claude: $10 per 1,000 searches.
  { model: 'anthropic/claude-sonnet-4-5', format: 'anthropic', searchCost: 0.01 },
  // Gemini 2.5: $35 per 1,000 grounded requests.
  { model: 'google/gemini-2.5-flash', format: 'gemini', searchCost: 0.035 },
  // OpenAI's chat models search through its Responses API's web_search tool: $10 per 1,000 calls.
  { model: 'openai/gpt-4o-mini', format: 'openai', searchCost: 0.01 },
];

const post = (body: Record<string, unknown>) =>
  h.gatewayFor({ retry: { maxRetries: 0 } }).fetch(new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe('web search through chat completions, on each provider’s own search', () => {
  for (const { model, format, searchCost } of SEARCHERS) {
    it(`${model}: web_search_options gets url_citation annotations, whole and streamed, the searches priced apart`, async () => {
      h.mock.script(format, { text: TEXT, search: SEARCH });
      const whole = await post({ model, messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }], web_search_options: {} });
      expect(whole.status).toBe(200);
      expect(whole.headers.get('x-switchyard-tools-left-out')).toBeNull();
      const body = (await whole.json()) as { choices: { message: { content: string; annotations?: unknown[] } }[]; usage: { cost: number; search_cost?: number; server_tool_use?: { web_search_requests: number } } };
      expect(body.choices[0]!.message.content).toBe(TEXT);
      expect(body.choices[0]!.message.annotations).toEqual(CITED);
      expect(body.usage.server_tool_use).toEqual({ web_search_requests: 1 });
      expect(body.usage.search_cost).toBeCloseTo(searchCost, 8);
      expect(body.usage.cost).toBeGreaterThan(searchCost);
      expect(h.records.at(-1)).toMatchObject({ status: 'ok', searchCost, usage: { searches: 1 } });

      h.mock.script(format, { text: TEXT, search: SEARCH });
      const streamed = await post({ model, stream: true, messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }], web_search_options: {} });
      const chunks = (await streamed.text())
        .split('\n\n')
        .filter((e) => e.startsWith('data: {'))
        .map((e) => JSON.parse(e.slice(6)) as { choices: { delta: { content?: string; annotations?: unknown[] } }[]; usage?: { search_cost?: number } });
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(TEXT);
      expect(chunks.flatMap((c) => c.choices[0]?.delta.annotations ?? [])).toEqual(CITED);
      expect(chunks.at(-1)!.usage!.search_cost).toBeCloseTo(searchCost, 8);
    });
  }

  it('the openai SDK, through gateway.fetch: web_search_options and the `:online` suffix get url_citation annotations on Claude, Gemini and OpenAI models', async () => {
    const client = h.client({ retry: { maxRetries: 0 } });
    for (const { model, format } of SEARCHERS) {
      h.mock.script(format, { text: TEXT, search: SEARCH }, { text: TEXT, search: SEARCH });
      const asked = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }], web_search_options: {} });
      expect(asked.choices[0]!.message.annotations).toEqual(CITED);
      const online = await client.chat.completions.create({ model: `${model}:online`, messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }] });
      expect(online.choices[0]!.message.annotations).toEqual(CITED);
    }
  });

  it("OpenRouter's `:online` suffix and web plugin ask for search the same way", async () => {
    h.mock.script('anthropic', { text: TEXT, search: SEARCH });
    const online = (await (await post({ model: 'anthropic/claude-sonnet-4-5:online', messages: [{ role: 'user', content: 'Gotthard?' }] })).json()) as { model: string; choices: { message: { annotations?: unknown[] } }[] };
    expect(online.model).toBe('anthropic/claude-sonnet-4-5');
    expect(online.choices[0]!.message.annotations).toEqual(CITED);
    expect((h.mock.requests.at(-1)!.body as { tools: { type: string; max_uses: number }[] }).tools).toEqual([{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }]);

    h.mock.script('gemini', { text: TEXT, search: SEARCH });
    const plugin = (await (await post({ model: 'google/gemini-2.5-flash', plugins: [{ id: 'web', max_results: 3 }], messages: [{ role: 'user', content: 'Gotthard?' }] })).json()) as { choices: { message: { annotations?: unknown[] } }[] };
    expect(plugin.choices[0]!.message.annotations).toEqual(CITED);
    expect((h.mock.requests.at(-1)!.body as { tools: unknown[] }).tools).toEqual([{ google_search: {} }]);
  });

  it('a model with no search of its own answers without it, and the answer says web_search was left out', async () => {
    h.mock.script('ollama', { text: 'From what I know, about 57 km.' });
    const response = await post({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Gotthard?' }], web_search_options: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-tools-left-out')).toBe('web_search');
    const body = (await response.json()) as { choices: { message: { annotations?: unknown } }[]; usage: { search_cost?: number } };
    expect(body.choices[0]!.message.annotations).toBeUndefined();
    expect(body.usage.search_cost).toBeUndefined();
    expect(JSON.stringify(h.mock.requests.at(-1)!.body)).not.toContain('web_search');
  });
});

describe('web search through the Responses and Messages faces', () => {
  const face = (path: string, body: Record<string, unknown>) =>
    createGatewayWith({ providers: h.providers, catalog: shippedCatalog(), responses: responsesEndpoint, messages: messagesEndpoint, retry: { maxRetries: 0 } }).fetch(
      new Request(`http://switchyard.local/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) }),
    );
  const events = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .map((e) => e.split('\n').find((l) => l.startsWith('data: '))?.slice(6))
      .filter((d): d is string => Boolean(d) && d !== '[DONE]')
      .map((d) => JSON.parse(d) as Record<string, unknown>);

  it("Codex's web_search tool runs Claude's search: web_search_call items and url_citation annotations, held to OpenAI's schemas", async () => {
    const request = { model: 'anthropic/claude-sonnet-4-5', input: 'How long is the Gotthard Base Tunnel?', tools: [{ type: 'web_search', external_web_access: true }], include: ['web_search_call.action.sources'] };
    h.mock.script('anthropic', { text: TEXT, search: SEARCH });
    const whole = await face('/responses', request);
    expect(whole.headers.get('x-switchyard-tools-left-out')).toBeNull();
    const body = (await whole.json()) as { output: Record<string, unknown>[] };
    expect(departures('openai', 'Response', body)).toEqual([]);
    expect(body.output[0]).toMatchObject({ type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'Gotthard Base Tunnel length', sources: [{ type: 'url', url: 'https://tunnels.example/gotthard' }, { type: 'url', url: 'https://rail.example/history' }] } });
    expect((body.output[1]!.content as { annotations: unknown[] }[])[0]!.annotations).toEqual(CITED.map(({ url_citation: c }) => ({ type: 'url_citation', ...c })));

    h.mock.script('anthropic', { text: TEXT, search: SEARCH });
    const streamed = await events(await face('/responses', { ...request, stream: true }));
    expect(streamed.flatMap(openAIEventDepartures)).toEqual([]);
    expect(streamed.filter((e) => e.type === 'response.output_text.annotation.added')).toHaveLength(2);
    const final = streamed.at(-1)!.response as { output: { type: string }[] };
    expect(final.output.map((o) => o.type)).toEqual(['message', 'web_search_call']);

    // Codex's cached mode allows no live web access: left out, and said so.
    h.mock.script('anthropic', { text: 'From memory.' });
    const cached = await face('/responses', { ...request, tools: [{ type: 'web_search', external_web_access: false }] });
    expect(cached.headers.get('x-switchyard-tools-left-out')).toBe('web_search');
    expect(JSON.stringify(h.mock.requests.at(-1)!.body)).not.toContain('web_search_2025');
  });

  it("the Messages API's web search tool runs Gemini's grounding: search blocks and cited text, whole and streamed", async () => {
    const request = { model: 'google/gemini-2.5-flash', max_tokens: 300, messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }], tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] };
    h.mock.script('gemini', { text: TEXT, search: SEARCH });
    const whole = (await (await face('/messages', request)).json()) as { content: Record<string, unknown>[]; usage: { server_tool_use?: { web_search_requests: number } } };
    expect(whole.content.map((b) => b.type)).toEqual(['server_tool_use', 'web_search_tool_result', 'text', 'text', 'text']);
    expect(whole.content[0]).toMatchObject({ name: 'web_search', input: { query: 'Gotthard Base Tunnel length' } });
    expect((whole.content[1]!.content as { url: string }[]).map((r) => r.url)).toEqual(['https://tunnels.example/gotthard', 'https://rail.example/history']);
    expect(whole.content[2]).toMatchObject({ text: 'The Gotthard Base Tunnel is 57.1 km long.', citations: [{ type: 'web_search_result_location', url: 'https://tunnels.example/gotthard', cited_text: 'The Gotthard Base Tunnel is 57.1 km long.' }] });
    expect(whole.usage.server_tool_use).toEqual({ web_search_requests: 1 });

    h.mock.script('gemini', { text: TEXT, search: SEARCH });
    const streamed = await events(await face('/messages', { ...request, stream: true }));
    const starts = streamed.filter((e) => e.type === 'content_block_start').map((e) => (e.content_block as { type: string }).type);
    expect(starts).toEqual(['text', 'server_tool_use', 'web_search_tool_result', 'text']);
    expect(streamed.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'citations_delta')).toHaveLength(2);
    expect(streamed.find((e) => e.type === 'message_delta')).toMatchObject({ usage: { server_tool_use: { web_search_requests: 1 } } });
  });
});
