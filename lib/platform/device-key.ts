/**
 * The key that seals Switchyard's secrets at rest: AES-GCM, generated in the browser as
 * non-extractable (its bytes can never be read, only used), and kept in the extension origin's
 * IndexedDB. Content scripts run in the page's origin and cannot open that database, unlike
 * extension storage, which Chrome and Firefox let every content script read.
 */
export interface DeviceKeyStore {
  /** The stored key, or undefined when there is none (first run, or the browser's data was cleared). */
  load(): Promise<CryptoKey | undefined>;
  /** Generates and stores a new key, replacing none: call only when `load` found nothing. */
  create(): Promise<CryptoKey>;
}

export function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

const STORE = 'keys';
const KEY_ID = 'vault';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The device key in IndexedDB (a database of its own, apart from the ledger). */
export function indexedDbKeyStore(name = 'switchyard-device-key', idb: IDBFactory = indexedDB): DeviceKeyStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = idb.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB is unavailable'));
      open.onblocked = () => reject(new Error('IndexedDB is blocked'));
    }).catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
  // Loads under way are shared: a cold worker starts one as it wakes, and its first request's asks again before it ends.
  let loading: Promise<CryptoKey | undefined> | undefined;
  return {
    load() {
      loading ??= (async () => {
        const value: unknown = await request((await db()).transaction(STORE).objectStore(STORE).get(KEY_ID));
        return value instanceof CryptoKey ? value : undefined;
      })().finally(() => (loading = undefined));
      return loading;
    },
    async create() {
      const key = await generateDeviceKey();
      const tx = (await db()).transaction(STORE, 'readwrite');
      // `add`, not `put`: a key another call stored first is never overwritten.
      await request(tx.objectStore(STORE).add(key, KEY_ID));
      return key;
    },
  };
}

/** A device key kept in memory, for tests; `drop` loses it as clearing the browser's data would. */
export class MemoryKeyStore implements DeviceKeyStore {
  private key: CryptoKey | undefined;

  async load() {
    return this.key;
  }

  async create() {
    if (this.key) throw new Error('a device key exists already');
    this.key = await generateDeviceKey();
    return this.key;
  }

  drop(): void {
    this.key = undefined;
  }
}

/** The stored device key, or a new one when there is none (another caller's new key wins a race). */
export async function deviceKeyOrNew(store: DeviceKeyStore): Promise<CryptoKey> {
  return (await store.load()) ?? (await store.create().catch(async (error: unknown) => (await store.load()) ?? Promise.reject(error)));
}
