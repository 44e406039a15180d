import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../lib/catalog/catalog';
import { mergeOpenRouterModels } from '../../../lib/catalog/openrouter-import';
import { mergeProviderModels } from '../../../lib/catalog/provider-models';
import { costOf, maxCostOf } from '../../../lib/catalog/pricing';
import { CatalogSnapshot } from '../../../lib/catalog/schema';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { PROVIDER_PRESETS } from '../../../lib/gateway/providers/presets';

describe('the bundled catalog', () => {
  it('is valid, dated, and covers at least 60 models of every provider preset', () => {
    const snapshot = CatalogSnapshot.parse(BUNDLED_CATALOG);
    expect(snapshot.models.length).toBeGreaterThanOrEqual(60);
    expect(snapshot.sourceDate).toMatch(/^20\d\d-\d\d-\d\d$/);
    const ids = snapshot.models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const presets = new Set(PROVIDER_PRESETS.map((p) => p.id));
    const served = new Set(snapshot.models.flatMap((m) => m.endpoints.map((e) => e.provider)));
    for (const provider of served) expect(presets.has(provider), provider).toBe(true);
    for (const preset of ['openai', 'anthropic', 'google', 'mistral', 'openrouter', 'groq', 'deepseek', 'xai', 'together', 'fireworks', 'perplexity', 'cerebras', 'ollama', 'lmstudio']) {
      expect(served.has(preset), preset).toBe(true);
    }
  });

  it('finds a provider’s model by its own name, dated snapshots included', () => {
    const catalog = createCatalog(BUNDLED_CATALOG);
    expect(catalog.findEndpoint('anthropic', 'claude-sonnet-4-5')?.model.id).toBe('anthropic/claude-sonnet-4-5');
    expect(catalog.findEndpoint('anthropic', 'claude-sonnet-4-5-20250929')?.model.id).toBe('anthropic/claude-sonnet-4-5');
    expect(catalog.findEndpoint('groq', 'llama-3.3-70b-versatile')?.pricing).toEqual({ input: 0.59, output: 0.79 });
    expect(catalog.findEndpoint('openrouter', 'anthropic/claude-sonnet-4.5')?.model.id).toBe('anthropic/claude-sonnet-4-5');
    expect(catalog.findEndpoint('ollama', 'llama3.2:latest')?.model.id).toBe('meta-llama/llama-3.2-3b-instruct');
    expect(catalog.findEndpoint('openai', 'no-such-model')).toBeUndefined();
  });
});

describe('pricing', () => {
  const sonnet = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

  it('prices fresh, cached and cache-write prompt tokens apart', () => {
    // 10k fresh + 100k cached + 2k written, 1k out
    const cost = costOf({ prompt: 112_000, cached: 100_000, cacheWrite: 2_000, completion: 1_000 }, sonnet);
    expect(cost).toBeCloseTo(10_000 * 3e-6 + 100_000 * 0.3e-6 + 2_000 * 3.75e-6 + 1_000 * 15e-6, 10);
  });

  it('falls back to the input price when a model has no cached price, and is 0 without pricing', () => {
    expect(costOf({ prompt: 1_000_000, cached: 500_000, cacheWrite: 0, completion: 0 }, { input: 2, output: 8 })).toBe(2);
    expect(costOf({ prompt: 5, cached: 0, cacheWrite: 0, completion: 5 }, undefined)).toBe(0);
  });

  it('bounds the cost of a request before it is sent', () => {
    expect(maxCostOf(1_000, 4_000, sonnet)).toBeCloseTo(1_000 * 3e-6 + 4_000 * 15e-6, 10);
  });
});

describe('catalog refresh', () => {
  const openRouterAnswer = {
    data: [
      {
        id: 'anthropic/claude-sonnet-4.5',
        name: 'Anthropic: Claude Sonnet 4.5',
        context_length: 1_000_000,
        pricing: { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375' },
        architecture: { input_modalities: ['text', 'image'] },
        top_provider: { max_completion_tokens: 64000 },
        supported_parameters: ['tools', 'response_format', 'reasoning'],
      },
      {
        id: 'newlab/brand-new-1',
        name: 'NewLab: Brand New 1',
        context_length: 32768,
        pricing: { prompt: '0.0000005', completion: '0.0000015' },
        architecture: { input_modalities: ['text'] },
        supported_parameters: ['tools'],
      },
      { id: 'openrouter/auto', name: 'Auto Router', pricing: { prompt: '-1', completion: '-1' } },
      { id: 'broken' },
    ],
  };

  it('merges OpenRouter’s model list: prices of known models, new models added, bad rows skipped', () => {
    const result = mergeOpenRouterModels(BUNDLED_CATALOG, openRouterAnswer, '2026-11-25');
    expect(result).toMatchObject({ added: 1, updated: 1, skipped: 2 });
    const catalog = createCatalog(result.snapshot);
    expect(catalog.sourceDate).toBe('2026-11-25');
    expect(catalog.get('newlab/brand-new-1')).toMatchObject({
      name: 'Brand New 1',
      pricing: { input: 0.5, output: 1.5 },
      capabilities: { tools: true, vision: false, json: false, reasoning: false },
    });
    expect(catalog.findEndpoint('openrouter', 'anthropic/claude-sonnet-4.5')?.pricing).toEqual({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 });
    expect(catalog.get('anthropic/claude-sonnet-4-5')?.endpoints.filter((e) => e.provider === 'openrouter')).toHaveLength(1);
  });

  it('adds a provider’s own unknown models, marked unpriced (or free when local)', () => {
    const remote = createCatalog(mergeProviderModels(BUNDLED_CATALOG, 'mistral', [{ id: 'mistral-large-latest' }, { id: 'mistral-next' }]));
    expect(remote.get('mistral/mistral-next')).toMatchObject({ unpriced: true });
    expect(remote.all().filter((m) => m.endpoints.some((e) => e.model === 'mistral-large-latest'))).toHaveLength(1);
    const local = createCatalog(mergeProviderModels(BUNDLED_CATALOG, 'ollama', [{ id: 'my-finetune:7b' }], true));
    expect(local.get('ollama/my-finetune:7b')).toMatchObject({ local: true, pricing: { input: 0, output: 0 } });
  });

  it('takes a provider’s listed prices: its endpoint’s plain prices change, the conditions the catalog knows stay, and a model it priced alone is no longer unpriced', () => {
    const withPeak = { ...BUNDLED_CATALOG.models.find((m) => m.id === 'deepseek/deepseek-v4-flash')! };
    const learnt = { id: 'deepseek/deepseek-v5-preview', name: 'deepseek-v5-preview', author: 'deepseek', contextLength: 8192, maxOutput: 8192, pricing: { input: 0, output: 0 }, capabilities: { tools: false, vision: false, json: false, reasoning: false }, endpoints: [{ provider: 'deepseek', model: 'deepseek-v5-preview' }], unpriced: true };
    const before = { ...BUNDLED_CATALOG, models: [withPeak, learnt] };
    const after = mergeProviderModels(before, 'deepseek', [{ id: 'deepseek-v4-flash', pricing: { input: 0.2, output: 0.4 } }, { id: 'deepseek-v5-preview', pricing: { input: 1, output: 2 } }], false, '2026-12-01');
    const catalog = createCatalog(after);
    const flash = catalog.findEndpoint('deepseek', 'deepseek-v4-flash')!.pricing;
    expect(flash).toMatchObject({ input: 0.2, output: 0.4, peak: withPeak.pricing.peak });
    expect(flash.cachedInput).toBeUndefined();
    expect(catalog.get('deepseek/deepseek-v5-preview')).toMatchObject({ pricing: { input: 1, output: 2 } });
    expect(catalog.get('deepseek/deepseek-v5-preview')?.unpriced).toBeUndefined();
    expect(after.priceSources?.deepseek?.checked).toBe('2026-12-01');
    // Without listed prices nothing is re-dated.
    expect(mergeProviderModels(before, 'deepseek', [{ id: 'deepseek-v4-flash' }], false, '2026-12-01').priceSources?.deepseek).toEqual(BUNDLED_CATALOG.priceSources!.deepseek);
  });
});
