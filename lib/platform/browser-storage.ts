import type { Storage } from 'webextension-polyfill';
import type { KeyValueStore } from './key-value-store';

/** chrome.storage.local or .session as a KeyValueStore. */
export function storageArea(area: Storage.StorageArea): KeyValueStore {
  return {
    async get<T>(key: string) {
      return (await area.get(key))[key] as T | undefined;
    },
    async set(key, value) {
      await area.set({ [key]: value });
    },
    async remove(key) {
      await area.remove(key);
    },
  };
}
