import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../lib/catalog/catalog';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { createGateway } from '../../../lib/gateway';
import { listModels } from '../../../lib/gateway/models';
import { resolveModelName } from '../../../lib/gateway/resolve';

const catalog = createCatalog(BUNDLED_CATALOG);
const team = { id: 'acme', kind: 'openai' as const, preset: 'team', baseUrl: 'https://team.example/v1', apiKey: 'sy-team-abc' };

describe('a team gateway provider', () => {
  it('serves every catalog model under its catalog id, at the maker’s list price', () => {
    const [candidate] = resolveModelName('anthropic/claude-haiku-4-5', [team], catalog);
    expect(candidate).toMatchObject({ provider: { id: 'acme' }, model: 'anthropic/claude-haiku-4-5', entry: { pricing: { input: 1, output: 5 } } });
    expect(resolveModelName('acme/openai/gpt-4o-mini', [team], catalog)[0]).toMatchObject({ model: 'openai/gpt-4o-mini', entry: { pricing: { input: 0.15, output: 0.6 } } });
    expect(resolveModelName('anthropic/claude-haiku-4-5', [{ ...team, preset: 'custom' }], catalog)).toEqual([]);
    const listed = listModels(catalog, [team]);
    expect(listed.length).toBe(catalog.all().length);
    expect(listed.every((m) => m.providers.includes('acme'))).toBe(true);
  });

  it('is sent the catalog id and the member key, and the answer is priced from the catalog', async () => {
    const sent: { url: string; body: { model: string }; auth: string | null }[] = [];
    const gateway = createGateway({
      providers: [team],
      fetch: async (url, init) => {
        sent.push({ url: String(url), body: JSON.parse(String(init?.body)), auth: new Headers(init?.headers).get('authorization') });
        return Response.json({ id: 'c', object: 'chat.completion', created: 0, model: 'openai/gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1000, completion_tokens: 100 } });
      },
    });
    const response = await gateway.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }) }));
    const body = await response.json();
    expect(sent[0]).toMatchObject({ url: 'https://team.example/v1/chat/completions', body: { model: 'openai/gpt-4o-mini' }, auth: 'Bearer sy-team-abc' });
    expect(body.usage.cost).toBeCloseTo(0.00021, 10);
  });
});
