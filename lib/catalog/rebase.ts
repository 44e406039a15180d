import type { CatalogModel, CatalogSnapshot } from './schema';

const endpointKey = (e: { provider: string; model: string }) => `${e.provider}\n${e.model}`;

/** A model a refresh added: named only by OpenRouter's list, or by a provider's own list (unpriced or local). */
const learnt = (m: CatalogModel) => m.endpoints.length === 1 && (m.endpoints[0]!.provider === 'openrouter' || Boolean(m.unpriced) || Boolean(m.local));

/**
 * A refreshed catalog carried onto the bundled one of a newer version of the extension: the
 * bundled models, prices and price sources as shipped, with what the refreshes learnt kept —
 * OpenRouter's price of each known model and the models only OpenRouter or a provider's own list
 * named. Models the new bundle dropped (retired by their provider) stay dropped.
 */
export function rebaseRefreshed(refreshed: CatalogSnapshot, bundled: CatalogSnapshot): CatalogSnapshot {
  const refreshedById = new Map(refreshed.models.map((m) => [m.id, m]));
  const models = bundled.models.map((m): CatalogModel => {
    // Only OpenRouter's price for the same OpenRouter model: the new bundle may point elsewhere.
    const sameModel = m.endpoints.find((e) => e.provider === 'openrouter')?.model ?? m.id;
    const openRouter = refreshedById.get(m.id)?.endpoints.find((e) => e.provider === 'openrouter' && e.model === sameModel && e.pricing);
    if (!openRouter) return m;
    return { ...m, endpoints: [...m.endpoints.filter((e) => e.provider !== 'openrouter'), openRouter] };
  });
  const known = new Set(bundled.models.flatMap((m) => [m.id, ...m.endpoints.map(endpointKey)]));
  for (const m of refreshed.models) {
    if (learnt(m) && !known.has(m.id) && !known.has(endpointKey(m.endpoints[0]!))) models.push(m);
  }
  const refreshedSource = refreshed.priceSources?.openrouter;
  const bundledSource = bundled.priceSources?.openrouter;
  const openrouter = refreshedSource && (!bundledSource || refreshedSource.checked > bundledSource.checked) ? refreshedSource : bundledSource;
  return {
    sourceDate: refreshed.sourceDate > bundled.sourceDate ? refreshed.sourceDate : bundled.sourceDate,
    priceSources: { ...bundled.priceSources, ...(openrouter ? { openrouter } : {}) },
    models,
  };
}
