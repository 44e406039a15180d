import type { CatalogModel, CatalogSnapshot, Endpoint, Pricing } from './schema';

export interface ResolvedEndpoint {
  model: CatalogModel;
  endpoint: Endpoint;
  pricing: Pricing;
}

/** Lookups over a catalog snapshot: by id, and by a provider's own name for a model. */
export interface Catalog {
  readonly sourceDate: string;
  all(): readonly CatalogModel[];
  get(id: string): CatalogModel | undefined;
  /** The catalog entry for `model` as named by `provider` (a preset id), allowing dated suffixes. */
  findEndpoint(provider: string, model: string): ResolvedEndpoint | undefined;
}

const DATED = /^(.*?)(-\d{4}-?\d{2}-?\d{2}|-\d{8}|-\d{4}|:latest)$/;

export function createCatalog(snapshot: CatalogSnapshot): Catalog {
  const byId = new Map(snapshot.models.map((m) => [m.id, m]));
  const byEndpoint = new Map<string, ResolvedEndpoint>();
  for (const model of snapshot.models) {
    for (const endpoint of model.endpoints) {
      const key = `${endpoint.provider}\u0000${endpoint.model}`;
      if (!byEndpoint.has(key)) byEndpoint.set(key, { model, endpoint, pricing: endpoint.pricing ?? model.pricing });
    }
  }

  function findEndpoint(provider: string, model: string): ResolvedEndpoint | undefined {
    const exact = byEndpoint.get(`${provider}\u0000${model}`);
    if (exact) return exact;
    const undated = DATED.exec(model)?.[1];
    if (undated) {
      const found = byEndpoint.get(`${provider}\u0000${undated}`) ?? byEndpoint.get(`${provider}\u0000${undated}-latest`);
      if (found) return found;
    }
    // Aggregators name models by catalog id.
    const byCatalogId = byId.get(model);
    if (byCatalogId && provider === 'openrouter') {
      return { model: byCatalogId, endpoint: { provider, model }, pricing: byCatalogId.pricing };
    }
    return undefined;
  }

  return {
    sourceDate: snapshot.sourceDate,
    all: () => snapshot.models,
    get: (id) => byId.get(id),
    findEndpoint,
  };
}
