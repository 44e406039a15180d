import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../lib/catalog/catalog';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { refreshCatalog } from '../../../lib/gateway/refresh-catalog';
import { ANTHROPIC_MODELS } from '../../mock-provider/anthropic';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

describe('refreshCatalog', () => {
  it('merges OpenRouter’s list and every provider’s own list, and reports each source', async () => {
    const report = await refreshCatalog(BUNDLED_CATALOG, {
      fetch,
      today: '2026-11-25',
      openRouterUrl: `${mock.url}/openrouter/api/v1/models`,
      providers: [
        { id: 'anthropic', kind: 'anthropic', baseUrl: mock.baseUrl('anthropic'), apiKey: 'k' },
        { id: 'ollama', kind: 'ollama', baseUrl: mock.baseUrl('ollama') },
        { id: 'google', kind: 'gemini', baseUrl: mock.baseUrl('gemini') },
      ],
    });
    expect(report.sources).toEqual([
      { source: 'openrouter', ok: true, detail: '1 updated, 1 added, 0 skipped' },
      { source: 'anthropic', ok: true, detail: expect.stringMatching(new RegExp(`^${ANTHROPIC_MODELS.length} listed, \\d+ new$`)) },
      { source: 'ollama', ok: true, detail: '4 listed, 1 new' },
      { source: 'google', ok: false, detail: expect.stringContaining('unregistered callers') },
    ]);
    // The model new to the catalog comes with the window Ollama's /api/show tells.
    expect(report.snapshot.models.find((m) => m.id === 'ollama/llama3.2:1b')).toMatchObject({ contextLength: 131_072, local: true });
    expect(report.listed.ollama).toEqual(['llama3.2', 'qwen2.5-coder:7b', 'gemma3:4b', 'llama3.2:1b']);
    const catalog = createCatalog(report.snapshot);
    expect(catalog.sourceDate).toBe('2026-11-25');
    // Each provider's price check date is kept; OpenRouter's prices are as of the refresh.
    expect(report.snapshot.priceSources).toMatchObject({ anthropic: BUNDLED_CATALOG.priceSources!.anthropic, openrouter: { checked: '2026-11-25' } });
    expect(catalog.get('mocklab/mock-large-2')).toMatchObject({ pricing: { input: 1, output: 4 }, capabilities: { reasoning: true } });
    expect(catalog.get('ollama/qwen2.5-coder:7b')).toBeUndefined();
    expect(catalog.findEndpoint('ollama', 'qwen2.5-coder:7b')?.model.id).toBe('qwen/qwen2.5-coder-7b-instruct');
  });

  it('takes the prices a provider lists with its models (Groq’s), for the models the catalog knows and those it adds', async () => {
    const knownOnGroq = { ...BUNDLED_CATALOG.models.find((m) => m.id === 'qwen/qwen3.8-27b')!, id: 'qwen/qwen3.6-27b', name: 'Qwen3.6 27B', endpoints: [{ provider: 'groq', model: 'qwen/qwen3.6-27b', pricing: { input: 0.5, output: 2.5, cachedInput: 0.1 } }] };
    const before = { ...BUNDLED_CATALOG, models: [...BUNDLED_CATALOG.models, knownOnGroq] };
    const report = await refreshCatalog(before, {
      fetch,
      today: '2026-11-30',
      openRouterUrl: 'http://127.0.0.1:9/api/v1/models',
      providers: [{ id: 'groq', kind: 'openai', baseUrl: mock.baseUrl('openai', 'groq'), apiKey: 'gsk-1' }],
    });
    expect(report.sources[1]).toEqual({ source: 'groq', ok: true, detail: '2 listed, 1 new' });
    const catalog = createCatalog(report.snapshot);
    // As listed: $0.0000006, $0.000003 and $0.0000003 a token.
    expect(catalog.findEndpoint('groq', 'qwen/qwen3.6-27b')?.pricing).toEqual({ input: 0.6, output: 3, cachedInput: 0.3 });
    expect(catalog.get('groq/allam-2-7b')).toMatchObject({ unpriced: true });
    expect(report.snapshot.priceSources?.groq).toEqual({ ...BUNDLED_CATALOG.priceSources!.groq, checked: '2026-11-30' });
    expect(report.snapshot.priceSources?.anthropic).toEqual(BUNDLED_CATALOG.priceSources!.anthropic);
  });

  it('keeps the old catalog when a source is down', async () => {
    const report = await refreshCatalog(BUNDLED_CATALOG, { fetch, openRouterUrl: 'http://127.0.0.1:9/api/v1/models', providers: [] });
    expect(report.sources[0]).toMatchObject({ ok: false, detail: expect.stringContaining('could not connect') });
    expect(report.snapshot).toBe(BUNDLED_CATALOG);
  });
});
