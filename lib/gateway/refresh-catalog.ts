import { mergeOpenRouterModels } from '../catalog/openrouter-import';
import { mergeProviderModels } from '../catalog/provider-models';
import type { CatalogSnapshot } from '../catalog/schema';
import { getProviderJson } from './providers/shared/http';
import { listProviderModels } from './providers';
import { findPreset } from './providers/presets';
import type { ProviderConfig } from './providers/types';
import { presetOf } from './resolve';

export const OPENROUTER_MODELS_URL = 'https://openrouter.ai/api/v1/models';

export interface RefreshReport {
  snapshot: CatalogSnapshot;
  /** One line per source: what it added, or why it failed. Failures never lose the old catalog. */
  sources: { source: string; ok: boolean; detail: string }[];
  /** What each provider listed, by provider id (local servers: what is installed). */
  listed: Record<string, string[]>;
}

/**
 * A fresher catalog: OpenRouter's public model list (prices of every model it routes) and
 * each configured provider's own model list (models the bundled catalog does not know yet).
 */
export async function refreshCatalog(
  snapshot: CatalogSnapshot,
  options: { fetch: typeof fetch; providers: ProviderConfig[]; openRouterUrl?: string; today?: string; signal?: AbortSignal },
): Promise<RefreshReport> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const sources: RefreshReport['sources'] = [];
  const listed: RefreshReport['listed'] = {};
  let current = snapshot;

  try {
    const json = await getProviderJson(options.fetch, options.openRouterUrl ?? OPENROUTER_MODELS_URL, {}, 'openrouter', options.signal);
    const merged = mergeOpenRouterModels(current, json, today);
    current = merged.snapshot;
    sources.push({ source: 'openrouter', ok: true, detail: `${merged.updated} updated, ${merged.added} added, ${merged.skipped} skipped` });
  } catch (error) {
    sources.push({ source: 'openrouter', ok: false, detail: error instanceof Error ? error.message : String(error) });
  }

  for (const provider of options.providers) {
    try {
      const models = await listProviderModels(provider, options.fetch, options.signal);
      listed[provider.id] = models.map((m) => m.id);
      const before = current.models.length;
      current = mergeProviderModels(current, presetOf(provider), models, findPreset(presetOf(provider))?.local ?? false, today);
      sources.push({ source: provider.id, ok: true, detail: `${models.length} listed, ${current.models.length - before} new` });
    } catch (error) {
      sources.push({ source: provider.id, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return { snapshot: current, sources, listed };
}
