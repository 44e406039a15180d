import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../lib/catalog/catalog';
import type { CatalogModel } from '../../../lib/catalog/schema';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { createGateway } from '../../../lib/gateway';
import { autoTiersFrom, tierCandidate, type TierCandidate } from '../../../lib/gateway/auto-tiers';

const candidates = (models: readonly CatalogModel[]): TierCandidate[] => models.map(tierCandidate);

const { rank: _rank, ...base } = BUNDLED_CATALOG.models.find((m) => m.id === 'openai/gpt-5')!;
const listed = (id: string, pricing: [number, number], rank?: number): CatalogModel => ({
  ...base,
  id,
  name: id,
  pricing: { input: pricing[0], output: pricing[1] },
  endpoints: [{ provider: 'openai', model: id.split('/')[1]! }],
  ...(rank !== undefined ? { rank } : {}),
});

describe('auto’s tiers from catalog data', () => {
  it('from the bundled catalog: the strongest ranked models first in each tier, no embedding or premium model anywhere', () => {
    const tiers = autoTiersFrom(candidates(BUNDLED_CATALOG.models));
    expect(tiers.strong.slice(0, 3)).toEqual(['anthropic/claude-fable-5-2', 'openai/gpt-6-sol', 'anthropic/claude-opus-5-5']);
    expect(tiers.balanced[0]).toBe('openai/gpt-4.1-mini');
    // Cheap is by price, strongest first: today's strong small models before last year's weak ones.
    expect(tiers.cheap.slice(0, 3)).toEqual(['deepseek/deepseek-v4-pro', 'anthropic/claude-haiku-5-5', 'openai/gpt-6-luna']);
    const byId = new Map(BUNDLED_CATALOG.models.map((m) => [m.id, m]));
    for (const id of tiers.cheap) expect(byId.get(id)!.pricing.input + byId.get(id)!.pricing.output, id).toBeLessThanOrEqual(2);
    const all = [...tiers.cheap, ...tiers.balanced, ...tiers.strong];
    for (const id of ['openai/gpt-5-pro', 'openai/o3-pro', 'openai/text-embedding-3-small']) expect(all).not.toContain(id);
    for (const tier of Object.values(tiers)) expect(tier.length).toBeLessThanOrEqual(8);
  });

  it('takes in a refreshed catalog’s new models: a ranked one by its rank, an unranked one by its price, after the ranked', () => {
    const tiers = autoTiersFrom(
      candidates([
        listed('acme/ranked-cheap', [0.1, 0.4], 60),
        listed('openai/gpt-6', [2, 12], 97),
        listed('acme/frontier-unranked', [1, 8]),
        listed('acme/pricier-unranked', [0.5, 1]),
        listed('acme/tiny-unranked', [0.01, 0.02]),
        { ...listed('acme/mystery', [0, 0], 99), unpriced: true },
        { ...listed('acme/embedder', [0.02, 0], 70), kind: 'embedding' },
      ]),
    );
    expect(tiers).toEqual({ strong: ['openai/gpt-6'], balanced: [], cheap: ['acme/ranked-cheap', 'acme/tiny-unranked', 'acme/pricier-unranked'] });
  });

  it('a gateway on a refreshed catalog sends a hard prompt to the new strongest model it can reach', () => {
    const catalog = createCatalog({ sourceDate: '2026-11-30', models: [...BUNDLED_CATALOG.models, listed('openai/gpt-7', [2, 12], 100)] });
    const gateway = createGateway({ providers: [{ id: 'openai', kind: 'openai', baseUrl: 'https://api.openai.test/v1', apiKey: 'k' }], catalog });
    const hard = gateway.estimate({ model: 'auto', messages: [{ role: 'user', content: 'Prove that there are infinitely many primes, step by step.' }] });
    expect(hard.candidates[0]).toMatchObject({ provider: 'openai', model: 'gpt-7' });
    expect(hard.route).toMatch(/^auto → strong/);
  });
});
