import type { Catalog } from '../catalog/catalog';
import type { CatalogModel } from '../catalog/schema';
import type { ProviderConfig } from './providers/types';
import { presetOf, servesUnderOwnName } from './resolve';

export interface ModelListEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  name: string;
  context_length: number;
  max_output_tokens: number;
  /** USD per million tokens, at the cheapest configured provider. */
  pricing: { prompt: number; completion: number; cached_prompt?: number } | null;
  capabilities: CatalogModel['capabilities'];
  providers: string[];
  /** "embedding" for models served at POST /embeddings, with their vector length. */
  kind: 'chat' | 'embedding';
  dimensions?: number;
}

/** The catalog models that at least one configured provider can serve. */
export function listModels(catalog: Catalog, providers: ProviderConfig[]): ModelListEntry[] {
  const out: ModelListEntry[] = [];
  for (const model of catalog.all()) {
    const serving = [
      ...model.endpoints.flatMap((endpoint) =>
        providers
          .filter((p) => p.id === endpoint.provider || presetOf(p) === endpoint.provider)
          .map((provider) => ({ provider, pricing: endpoint.pricing ?? model.pricing })),
      ),
      // Deployed under a name of its own (Azure), or served under its catalog id (a team gateway), at the maker's list price.
      ...providers.filter((p) => servesUnderOwnName(p, model.id)).map((provider) => ({ provider, pricing: model.pricing })),
    ];
    if (serving.length === 0) continue;
    const cheapest = serving.reduce((a, b) => (b.pricing.input + b.pricing.output < a.pricing.input + a.pricing.output ? b : a));
    out.push({
      id: model.id,
      object: 'model',
      created: 0,
      owned_by: model.author,
      name: model.name,
      context_length: model.contextLength,
      max_output_tokens: model.maxOutput,
      pricing: model.unpriced
        ? null
        : {
            prompt: cheapest.pricing.input,
            completion: cheapest.pricing.output,
            ...(cheapest.pricing.cachedInput !== undefined ? { cached_prompt: cheapest.pricing.cachedInput } : {}),
          },
      capabilities: model.capabilities,
      providers: [...new Set(serving.map((s) => s.provider.id))],
      kind: model.kind ?? 'chat',
      ...(model.dimensions ? { dimensions: model.dimensions } : {}),
    });
  }
  return out;
}
