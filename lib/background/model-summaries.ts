import { isEmbeddingModel, type CatalogSnapshot, type ProviderPriceSource } from '../catalog/schema';
import { withSetWindows } from '../catalog/set-windows';
import { hasInstalled, servesUnderOwnName } from '../gateway/resolve';
import type { ModelSummary } from '../messaging/contracts';
import type { ProviderView } from '../vault/schema';

export interface ModelSummaries {
  sourceDate: string;
  priceSources: ProviderPriceSource[];
  models: ModelSummary[];
  embeddingModels: ModelSummary[];
}

/**
 * The catalog as the pages show it: each model with the user's enabled providers that serve it
 * (local servers only for what they have installed), priced at the cheapest of them; chat and
 * embedding models apart.
 */
export function summarizeModels(listed: CatalogSnapshot, installed: Record<string, string[]>, providers: ProviderView[]): ModelSummaries {
  const views = providers.filter((p) => p.enabled);
  const snapshot = withSetWindows(listed, views);
  const reaches = (p: (typeof views)[number], e: { provider: string; model: string }) => (e.provider === p.id || e.provider === (p.preset ?? p.id)) && hasInstalled(installed[p.id], e.model);
  const summaries = snapshot.models.map((m): ModelSummary => {
    const serving = m.endpoints.filter((e) => views.some((p) => reaches(p, e)));
    // The price a user pays is that of the cheapest provider they have set up for it.
    const prices = serving.map((e) => e.pricing ?? m.pricing);
    const pricing = prices.length ? prices.reduce((a, b) => (b.input + b.output < a.input + a.output ? b : a)) : m.pricing;
    return {
      id: m.id,
      name: m.name,
      author: m.author,
      contextLength: m.contextLength,
      ...(m.contextAssumed ? { contextAssumed: true } : {}),
      maxOutput: m.maxOutput,
      pricing: m.unpriced ? null : pricing,
      capabilities: m.capabilities,
      local: Boolean(m.local) || m.endpoints.every((e) => e.provider === 'ollama' || e.provider === 'lmstudio'),
      providers: views.filter((p) => serving.some((e) => reaches(p, e)) || servesUnderOwnName(p, m.id)).map((p) => p.id),
      ...(m.dimensions ? { dimensions: m.dimensions } : {}),
      ...(m.rank !== undefined ? { rank: m.rank } : {}),
    };
  });
  const embedding = new Set(snapshot.models.filter(isEmbeddingModel).map((m) => m.id));
  return {
    sourceDate: snapshot.sourceDate,
    priceSources: Object.entries(snapshot.priceSources ?? {})
      .map(([provider, source]) => ({ provider, ...source }))
      .sort((a, b) => b.checked.localeCompare(a.checked) || a.provider.localeCompare(b.provider)),
    models: summaries.filter((m) => !embedding.has(m.id)),
    embeddingModels: summaries.filter((m) => embedding.has(m.id)),
  };
}
