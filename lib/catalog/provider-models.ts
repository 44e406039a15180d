import type { CatalogModel, CatalogSnapshot, Pricing } from './schema';
import { answerReserve, ASSUMED_WINDOW } from './window';

/** A model as a provider lists it at its own models endpoint. */
export interface ListedModel {
  id: string;
  name?: string;
  /** Its window, where the provider tells it (a /models field, Ollama's /api/show, LM Studio's REST API). */
  contextLength?: number;
  pricing?: Pricing;
}

/** The window a listing gives a model only this provider serves; the catalog's own figure stands for the rest. */
function listedWindow(model: CatalogModel, provider: string, windows: Map<string, number>): CatalogModel {
  const only = model.endpoints.length === 1 && model.endpoints[0]!.provider === provider;
  const window = only ? windows.get(model.endpoints[0]!.model) : undefined;
  if (window === undefined || (window === model.contextLength && !model.contextAssumed)) return model;
  const { contextAssumed: _assumed, ...known } = model;
  return { ...known, contextLength: window, maxOutput: Math.min(model.maxOutput, window) };
}

/**
 * Adds a provider's own models that the catalog does not know yet, so they can be chosen: at the
 * prices the provider lists for them, else unpriced (or free, on a local server), with the window
 * it lists (else an assumed one, marked so). Models it lists with prices that the catalog knows
 * take those prices for this provider, and its price source is dated `today`; models only it
 * serves take the window it lists now (a local model loaded with another window, say).
 */
export function mergeProviderModels(snapshot: CatalogSnapshot, provider: string, models: ListedModel[], local = false, today?: string): CatalogSnapshot {
  const listedPrices = new Map(models.flatMap((m) => (m.pricing ? [[m.id, m.pricing] as const] : [])));
  const listedWindows = new Map(models.flatMap((m) => (m.contextLength ? [[m.id, m.contextLength] as const] : [])));
  const known = new Set(snapshot.models.flatMap((m) => m.endpoints.filter((e) => e.provider === provider).map((e) => e.model)));
  let repriced = false;
  const updated = snapshot.models.map((model) => {
    const endpoints = model.endpoints.map((e) => {
      const listed = e.provider === provider ? listedPrices.get(e.model) : undefined;
      if (!listed) return e;
      // The listed prices replace the plain ones; conditions the catalog knows (long prompts, peak hours) stay.
      const { cachedInput: _cached, ...kept } = e.pricing ?? model.pricing;
      return { ...e, pricing: { ...kept, ...listed } };
    });
    const sized = listedWindow(model, provider, listedWindows);
    if (endpoints.every((e, i) => e === model.endpoints[i])) return sized;
    repriced = true;
    if (!(sized.unpriced && endpoints.length === 1)) return { ...sized, endpoints };
    // A model only this provider serves, unpriced until now, takes its prices.
    const { unpriced: _unpriced, ...priced } = sized;
    return { ...priced, pricing: endpoints[0]!.pricing!, endpoints };
  });
  const extra: CatalogModel[] = models
    .filter((m) => !known.has(m.id))
    .map((m) => {
      const window = m.contextLength ?? ASSUMED_WINDOW;
      return {
        id: `${provider}/${m.id}`,
        name: m.name ?? m.id,
        author: provider,
        contextLength: window,
        ...(m.contextLength ? {} : { contextAssumed: true }),
        maxOutput: answerReserve(window),
        pricing: m.pricing ?? { input: 0, output: 0 },
        capabilities: { tools: false, vision: false, json: false, reasoning: false },
        endpoints: [{ provider, model: m.id, ...(m.pricing ? { pricing: m.pricing } : {}) }],
        ...(local ? { local } : m.pricing ? {} : { unpriced: true }),
      };
    });
  const dated = (repriced || extra.some((m) => !m.unpriced && !m.local)) && today !== undefined;
  const source = snapshot.priceSources?.[provider];
  return {
    ...snapshot,
    ...(dated && source ? { priceSources: { ...snapshot.priceSources, [provider]: { ...source, checked: today } } } : {}),
    models: [...updated, ...extra],
  };
}
