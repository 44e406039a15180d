import type { CatalogSnapshot } from './schema';

/** A provider as far as its windows go: which catalog provider it stands for, and the windows its user set. */
export interface WindowSetter {
  id: string;
  preset?: string;
  contextWindows?: Record<string, number>;
}

/**
 * The catalog with the windows users set in their providers' settings: a set window replaces the
 * listed or assumed one of a model that provider serves. A model served by several providers takes
 * the smallest window set for it, since any of them may answer.
 */
export function withSetWindows(snapshot: CatalogSnapshot, providers: readonly WindowSetter[]): CatalogSnapshot {
  const setting = providers.filter((p) => p.contextWindows && Object.keys(p.contextWindows).length > 0);
  if (setting.length === 0) return snapshot;
  let changed = false;
  const models = snapshot.models.map((model) => {
    const set = model.endpoints.flatMap((e) =>
      setting.flatMap((p) => {
        const window = (e.provider === p.id || e.provider === (p.preset ?? p.id)) && p.contextWindows![e.model];
        return window ? [window] : [];
      }),
    );
    if (set.length === 0) return model;
    changed = true;
    const window = Math.min(...set);
    const { contextAssumed: _assumed, ...known } = model;
    return { ...known, contextLength: window, maxOutput: Math.min(model.maxOutput, window) };
  });
  return changed ? { ...snapshot, models } : snapshot;
}
