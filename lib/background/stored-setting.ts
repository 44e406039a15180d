import type { KeyValueStore } from '../platform/key-value-store';

/**
 * A setting read from storage when first needed and kept until it changes. Every request reads
 * the routing and budget settings; on a cold worker each storage read is a round trip to a
 * browser busy starting it (3–5 ms), after the gateway is otherwise ready. `save` writes it and
 * drops the kept copy; `forget` is called for any change the browser reports to the key.
 */
export function storedSetting<T>(store: KeyValueStore, key: string, parse: (stored: unknown) => T) {
  let kept: Promise<T> | undefined;
  return {
    key,
    get(): Promise<T> {
      if (kept) return kept;
      const reading = store.get<unknown>(key).then(parse);
      kept = reading;
      // A failed read is not kept: the next request tries again.
      reading.catch(() => {
        if (kept === reading) kept = undefined;
      });
      return reading;
    },
    async save(value: unknown): Promise<void> {
      await store.set(key, value);
      kept = undefined;
    },
    forget(): void {
      kept = undefined;
    },
  };
}

export type StoredSetting<T> = ReturnType<typeof storedSetting<T>>;
