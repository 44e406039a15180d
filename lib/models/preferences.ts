import { browser } from '../platform/browser';
import * as z from 'zod/mini';

const KEY = 'modelPreferences';
const MAX_RECENT = 8;

export const ModelPreferences = z.lazy(() =>
  z.object({
    defaultModel: z._default(z.nullable(z.string()), null),
    favourites: z._default(z.array(z.string()), []),
    recent: z._default(z.array(z.string()), []),
  }),
);
export type ModelPreferences = z.infer<typeof ModelPreferences>;

export async function loadPreferences(): Promise<ModelPreferences> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return z.catch(ModelPreferences, ModelPreferences.parse({})).parse(stored ?? {});
}

export async function savePreferences(update: (current: ModelPreferences) => ModelPreferences): Promise<ModelPreferences> {
  const next = ModelPreferences.parse(update(await loadPreferences()));
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export function withRecent(prefs: ModelPreferences, model: string): ModelPreferences {
  return { ...prefs, recent: [model, ...prefs.recent.filter((m) => m !== model)].slice(0, MAX_RECENT) };
}

export function toggleFavourite(prefs: ModelPreferences, model: string): ModelPreferences {
  const favourites = prefs.favourites.includes(model) ? prefs.favourites.filter((m) => m !== model) : [...prefs.favourites, model];
  return { ...prefs, favourites };
}
