import { describe, expect, it } from 'vitest';
import { rebaseRefreshed } from '../../../lib/catalog/rebase';
import type { CatalogModel, CatalogSnapshot } from '../../../lib/catalog/schema';

const model = (id: string, endpoints: CatalogModel['endpoints'], over: Partial<CatalogModel> = {}): CatalogModel => ({
  id,
  name: id,
  author: id.split('/')[0]!,
  contextLength: 128_000,
  maxOutput: 8_192,
  pricing: { input: 1, output: 2 },
  capabilities: { tools: true, vision: false, json: true, reasoning: false },
  endpoints,
  ...over,
});

const bundled: CatalogSnapshot = {
  sourceDate: '2026-11-30',
  priceSources: { mistral: { checked: '2026-08-27', url: 'https://docs.mistral.ai/inference/pricing' }, openrouter: { checked: '2025-11-24', url: 'https://openrouter.ai/models' } },
  models: [
    model('mistralai/mistral-large-latest', [{ provider: 'mistral', model: 'mistral-large-latest' }, { provider: 'openrouter', model: 'mistralai/mistral-large-2512' }], { pricing: { input: 0.5, output: 1.5 } }),
    model('openai/gpt-5', [{ provider: 'openai', model: 'gpt-5' }, { provider: 'openrouter', model: 'openai/gpt-5' }]),
    model('mistralai/mistral-medium-latest', [{ provider: 'mistral', model: 'mistral-medium-latest' }]),
  ],
};

const refreshed: CatalogSnapshot = {
  sourceDate: '2026-12-02',
  priceSources: { mistral: { checked: '2025-11-24', url: 'https://mistral.ai/pricing' }, openrouter: { checked: '2026-12-02', url: 'https://openrouter.ai/models' } },
  models: [
    // Built on the old bundle: Large pointed at Large 2 on OpenRouter, and at the old price.
    model('mistralai/mistral-large-latest', [{ provider: 'mistral', model: 'mistral-large-latest' }, { provider: 'openrouter', model: 'mistralai/mistral-large-2411', pricing: { input: 2, output: 6 } }], { pricing: { input: 2, output: 6 } }),
    model('openai/gpt-5', [{ provider: 'openai', model: 'gpt-5' }, { provider: 'openrouter', model: 'openai/gpt-5', pricing: { input: 1.2, output: 9 } }]),
    model('mistralai/devstral-medium-latest', [{ provider: 'mistral', model: 'devstral-medium-latest' }, { provider: 'openrouter', model: 'mistralai/devstral-medium' }]),
    model('someone/only-on-openrouter', [{ provider: 'openrouter', model: 'someone/only-on-openrouter', pricing: { input: 3, output: 3 } }]),
    model('mistral/mistral-medium-latest', [{ provider: 'mistral', model: 'mistral-medium-latest' }], { unpriced: true }),
    model('mistral/brand-new', [{ provider: 'mistral', model: 'brand-new' }], { unpriced: true }),
    model('ollama/my-model', [{ provider: 'ollama', model: 'my-model' }], { local: true, pricing: { input: 0, output: 0 } }),
  ],
};

describe('a refreshed catalog carried onto a newer bundle', () => {
  const rebased = rebaseRefreshed(refreshed, bundled);
  const byId = new Map(rebased.models.map((m) => [m.id, m]));

  it('takes the bundle’s models, prices and price sources, keeping OpenRouter’s newer date', () => {
    expect(byId.get('mistralai/mistral-large-latest')!.pricing).toEqual({ input: 0.5, output: 1.5 });
    expect(rebased.priceSources).toEqual({ mistral: bundled.priceSources!.mistral, openrouter: refreshed.priceSources!.openrouter });
    expect(rebased.sourceDate).toBe('2026-12-02');
  });

  it('keeps OpenRouter’s price for the same OpenRouter model only', () => {
    expect(byId.get('openai/gpt-5')!.endpoints.find((e) => e.provider === 'openrouter')).toEqual({ provider: 'openrouter', model: 'openai/gpt-5', pricing: { input: 1.2, output: 9 } });
    expect(byId.get('mistralai/mistral-large-latest')!.endpoints.find((e) => e.provider === 'openrouter')).toEqual({ provider: 'openrouter', model: 'mistralai/mistral-large-2512' });
  });

  it('keeps the models only OpenRouter or a provider’s own list named, unless the bundle knows them now, and drops retired ones', () => {
    expect([...byId.keys()]).toEqual([
      'mistralai/mistral-large-latest',
      'openai/gpt-5',
      'mistralai/mistral-medium-latest',
      'someone/only-on-openrouter',
      'mistral/brand-new',
      'ollama/my-model',
    ]);
  });
});
