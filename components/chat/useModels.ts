import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { callBackground } from '@/lib/messaging/browser';
import type { ModelSummary } from '@/lib/messaging/contracts';

const MODEL_KEY = 'defaultModel';

/** The catalog models a configured provider can serve, and the user's chosen default. */
export function useModels() {
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [model, setModelState] = useState<string>('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([callBackground('catalog.models', {}), browser.storage.local.get(MODEL_KEY)])
      .then(([catalog, stored]) => {
        if (!live) return;
        const usable = catalog.models.filter((m) => m.providers.length > 0);
        setModels(usable);
        const saved = stored[MODEL_KEY] as string | undefined;
        setModelState(saved && usable.some((m) => m.id === saved) ? saved : (usable[0]?.id ?? ''));
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, []);

  const setModel = (id: string) => {
    setModelState(id);
    void browser.storage.local.set({ [MODEL_KEY]: id });
  };

  return { models, model, setModel, error };
}
