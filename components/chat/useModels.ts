import { useCallback, useEffect, useState } from 'react';
import { autoTiersFrom } from '@/lib/gateway/auto-tiers';
import { useStorageChange } from '../ui/useStorageChange';
import { callBackground } from '@/lib/messaging/browser';
import type { ModelSummary } from '@/lib/messaging/contracts';
import { loadPreferences, savePreferences, toggleFavourite, withRecent, type ModelPreferences } from '@/lib/models/preferences';

/** Storage keys whose change alters which models a page can offer. */
const CATALOG_INPUTS = ['vault', 'catalog', 'installedModels'];

/** The catalog as the pages see it (which models a configured provider serves), and model preferences. */
export function useModels() {
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [prefs, setPrefs] = useState<ModelPreferences>({ defaultModel: null, favourites: [], recent: [] });
  const [error, setError] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  // A provider added or removed in the options, or a catalog refresh, shows in an open panel at once.
  useStorageChange('local', CATALOG_INPUTS, () => setVersion((v) => v + 1));

  useEffect(() => {
    let live = true;
    Promise.all([callBackground('catalog.models', {}), loadPreferences()])
      .then(([catalog, stored]) => {
        if (!live) return;
        setModels(catalog.models);
        setPrefs(stored);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [version]);

  const usable = (models ?? []).filter((m) => m.providers.length > 0);
  const isUsable = (id: string | null | undefined) => Boolean(id && usable.some((m) => m.id === id));
  // The user's default, else what they used or starred, else a good all-round model they can reach.
  const tiers = autoTiersFrom(usable);
  const defaultModel = [prefs.defaultModel, ...prefs.recent, ...prefs.favourites, ...tiers.balanced, ...tiers.cheap].find(isUsable) ?? usable[0]?.id ?? '';

  const update = useCallback((change: (p: ModelPreferences) => ModelPreferences) => {
    setPrefs((p) => change(p));
    void savePreferences(change);
  }, []);

  return {
    models,
    usable,
    prefs,
    defaultModel,
    error,
    setDefault: (id: string) => update((p) => ({ ...p, defaultModel: id })),
    markUsed: (id: string) => update((p) => withRecent(p, id)),
    toggleFavourite: (id: string) => update((p) => toggleFavourite(p, id)),
  };
}
