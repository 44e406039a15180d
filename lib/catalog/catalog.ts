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
  // The indexes are built when first asked, the endpoints one provider at a time: a cold worker's
  // first request looks up one provider's names, and a refreshed catalog holds some 500 models.
  let byId: Map<string, CatalogModel> | undefined;
  const ids = () => (byId ??= new Map(snapshot.models.map((m) => [m.id, m])));
  const byProvider = new Map<string, Map<string, ResolvedEndpoint>>();
  function endpointsOf(provider: string): Map<string, ResolvedEndpoint> {
    let named = byProvider.get(provider);
    if (!named) {
      named = new Map();
      for (const model of snapshot.models) {
        for (const endpoint of model.endpoints) {
          if (endpoint.provider === provider && !named.has(endpoint.model)) named.set(endpoint.model, { model, endpoint, pricing: endpoint.pricing ?? model.pricing });
        }
      }
      byProvider.set(provider, named);
    }
    return named;
  }

  function findEndpoint(provider: string, model: string): ResolvedEndpoint | undefined {
    const named = endpointsOf(provider);
    const exact = named.get(model);
    if (exact) return exact;
    const undated = DATED.exec(model)?.[1];
    if (undated) {
      const found = named.get(undated) ?? named.get(`${undated}-latest`);
      if (found) return found;
    }
    // Aggregators name models by catalog id.
    const byCatalogId = ids().get(model);
    if (byCatalogId && provider === 'openrouter') {
      return { model: byCatalogId, endpoint: { provider, model }, pricing: byCatalogId.pricing };
    }
    return undefined;
  }

  return {
    sourceDate: snapshot.sourceDate,
    all: () => snapshot.models,
    get: (id) => ids().get(id),
    findEndpoint,
  };
}
