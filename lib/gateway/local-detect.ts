import { listProviderModels } from './providers';
import { findPreset } from './providers/presets';
import type { ProviderConfig, ProviderModel } from './providers/types';

export interface LocalServer {
  preset: 'ollama' | 'lmstudio';
  name: string;
  baseUrl: string;
  models: string[];
  /** The models as listed, with the windows the server tells. */
  listed: ProviderModel[];
}

const LOCAL: LocalServer['preset'][] = ['ollama', 'lmstudio'];

/**
 * Looks for Ollama and LM Studio on this computer (their default ports unless told otherwise)
 * and lists the models each has installed. A server that does not answer in time is absent.
 */
export async function detectLocalServers(
  fetchImpl: typeof fetch,
  baseUrls: Partial<Record<LocalServer['preset'], string>> = {},
  timeoutMs = 1_500,
): Promise<LocalServer[]> {
  const found = await Promise.all(
    LOCAL.map(async (preset): Promise<LocalServer | undefined> => {
      const known = findPreset(preset)!;
      const config: ProviderConfig = { id: preset, kind: known.kind, preset, baseUrl: baseUrls[preset] ?? known.baseUrl };
      try {
        const models = await listProviderModels(config, fetchImpl, AbortSignal.timeout(timeoutMs));
        return { preset, name: known.name, baseUrl: config.baseUrl, models: models.map((m) => m.id), listed: models };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((s): s is LocalServer => Boolean(s));
}
