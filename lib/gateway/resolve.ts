import type { Catalog, ResolvedEndpoint } from '../catalog/catalog';
import { ratesFor } from '../catalog/pricing';
import { badRequest, GatewayError } from './errors';
import type { ChatRequest, ProviderPreferences } from './openai-schema';
import { servesCatalog } from './providers/presets';
import type { ProviderConfig } from './providers/types';

/** One provider and model the gateway may try for a request. */
export interface Candidate {
  provider: ProviderConfig;
  /** The provider's own name for the model. */
  model: string;
  entry?: ResolvedEndpoint;
}

export const presetOf = (provider: ProviderConfig) => provider.preset ?? provider.id;

/** Whether a provider has a model: a local server only what is installed on it (by tag or as :latest). */
export const hasInstalled = (installed: readonly string[] | undefined, model: string) => !installed || installed.includes(model) || installed.includes(`${model}:latest`);

const servesEndpoint = (provider: ProviderConfig, endpoint: { provider: string; model: string }) =>
  (provider.id === endpoint.provider || presetOf(provider) === endpoint.provider) && hasInstalled(provider.installed, endpoint.model);

/**
 * A catalog model on a provider that serves it under a name of its own choosing — a deployment name
 * (Azure), or its catalog id (a Switchyard team gateway) — priced as the model's maker lists it.
 */
function ownNameEntry(provider: ProviderConfig, modelId: string, catalog: Catalog): Candidate | undefined {
  const name = provider.deployments?.[modelId] ?? (servesCatalog(provider) ? modelId : undefined);
  const known = name ? catalog.get(modelId) : undefined;
  if (!name || !known) return undefined;
  const listed = known.endpoints.find((e) => e.provider === known.author) ?? known.endpoints[0];
  return { provider, model: name, entry: { model: known, endpoint: { provider: provider.id, model: name }, pricing: listed?.pricing ?? known.pricing } };
}

/** Whether a provider serves a catalog model beyond the model's listed endpoints (see ownNameEntry). */
export const servesUnderOwnName = (provider: ProviderConfig, modelId: string) => Boolean(provider.deployments?.[modelId]) || servesCatalog(provider);

/** Candidates for one model name: "<provider id>/<model>", a catalog id, or a provider's bare model name. */
export function resolveModelName(name: string, providers: ProviderConfig[], catalog: Catalog): Candidate[] {
  const slash = name.indexOf('/');
  if (slash > 0) {
    const direct = providers.find((p) => p.id === name.slice(0, slash));
    if (direct) {
      const model = name.slice(slash + 1);
      const deployedAs = Object.entries(direct.deployments ?? {}).find(([, deployment]) => deployment === model)?.[0];
      const deployed = deployedAs !== undefined || servesCatalog(direct) ? ownNameEntry(direct, deployedAs ?? model, catalog) : undefined;
      return [deployed ?? { provider: direct, model, entry: catalog.findEndpoint(presetOf(direct), model) }];
    }
  }
  const known = catalog.get(name);
  if (known) {
    const listed = known.endpoints.flatMap((endpoint) =>
      providers
        .filter((p) => servesEndpoint(p, endpoint))
        .map((provider) => ({
          provider,
          model: endpoint.model,
          entry: { model: known, endpoint, pricing: endpoint.pricing ?? known.pricing },
        })),
    );
    const deployed = providers.flatMap((p) => ownNameEntry(p, name, catalog) ?? []);
    return [...listed, ...deployed];
  }
  return providers.flatMap((provider) => {
    const entry = catalog.findEndpoint(presetOf(provider), name);
    return entry && hasInstalled(provider.installed, entry.endpoint.model) ? [{ provider, model: name, entry }] : [];
  });
}

function matchesAny(provider: ProviderConfig, names: string[] | undefined) {
  return names?.some((n) => n === provider.id || n === presetOf(provider)) ?? false;
}

/** A candidate's input and output price per million tokens now (a provider's peak hours count). */
export function candidatePrice(candidate: Candidate, at: Date = new Date()): number | undefined {
  const pricing = candidate.entry?.pricing;
  if (!pricing || candidate.entry?.model.unpriced) return undefined;
  const rates = ratesFor(pricing, 0, at);
  return rates.input + rates.output;
}

/** Applies OpenRouter-style provider preferences: only / ignore / max_price filter, order and price sort. */
export function applyPreferences(candidates: Candidate[], prefs: ProviderPreferences | undefined): Candidate[] {
  if (!prefs) return candidates;
  let out = candidates;
  if (prefs.only?.length) out = out.filter((c) => matchesAny(c.provider, prefs.only));
  if (prefs.ignore?.length) out = out.filter((c) => !matchesAny(c.provider, prefs.ignore));
  const max = prefs.max_price;
  if (max) {
    out = out.filter((c) => {
      if (!c.entry?.pricing) return false;
      const rates = ratesFor(c.entry.pricing, 0, new Date());
      return (max.prompt === undefined || rates.input <= max.prompt) && (max.completion === undefined || rates.output <= max.completion);
    });
  }
  if (prefs.sort === 'price') {
    out = [...out].sort((a, b) => (candidatePrice(a) ?? Infinity) - (candidatePrice(b) ?? Infinity));
  }
  if (prefs.order?.length) {
    const rank = (c: Candidate) => {
      const i = prefs.order!.findIndex((n) => n === c.provider.id || n === presetOf(c.provider));
      return i < 0 ? prefs.order!.length : i;
    };
    out = [...out].sort((a, b) => rank(a) - rank(b));
  }
  if (prefs.allow_fallbacks === false) out = out.slice(0, 1);
  return out;
}

/** Every provider and model to try for a request, in order: `model`, then the `models` chain. */
export function resolveCandidates(request: Pick<ChatRequest, 'model' | 'models' | 'provider'>, providers: ProviderConfig[], catalog: Catalog): Candidate[] {
  const names = [request.model, ...(request.models ?? [])].filter((n, i, all) => all.indexOf(n) === i);
  if (names.includes('auto')) {
    throw badRequest('model "auto" needs auto-routing, which is not set up in this gateway.', 'model', 'auto_not_configured');
  }
  const seen = new Set<string>();
  const all: Candidate[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const found = resolveModelName(name, providers, catalog);
    if (found.length === 0) unknown.push(name);
    for (const candidate of found) {
      const key = `${candidate.provider.id}\u0000${candidate.model}`;
      if (!seen.has(key)) {
        seen.add(key);
        all.push(candidate);
      }
    }
  }
  if (all.length === 0) {
    const configured = providers.map((p) => p.id).join(', ') || 'none';
    throw new GatewayError(
      404,
      'not_found_error',
      'model_not_found',
      `No configured provider serves "${unknown.join('", "')}". Configured providers: ${configured}. ` +
        'Name a model as "<provider>/<model>" to call anything a provider offers.',
      { param: 'model' },
    );
  }
  const preferred = applyPreferences(all, request.provider);
  if (preferred.length === 0) {
    throw badRequest('No provider is left for this model after the provider preferences (only, ignore, max_price).', 'provider', 'no_provider_after_preferences');
  }
  return preferred;
}
