import type { ProviderConfig } from '../gateway/providers/types';
import type { DeviceKeyStore } from '../platform/device-key';
import type { KeyValueStore } from '../platform/key-value-store';
import { deriveKey, exportKey, fromBase64, importKey, open, PBKDF2_ITERATIONS, randomBytes, seal, toBase64 } from './crypto';
import type { SearchProviderConfig } from '../gateway/search-providers';
import { empty, hintOf, unreadable, VaultError, viewsOf } from './vault-parts';
import { ProviderSettings, SEARCH_SECRET, SearchService, Sealed, Secrets, VaultData, VaultKeysV1, type ProviderView, type SearchServiceView, type StoredKey } from './schema';

export { VaultError, type VaultErrorCode } from './vault-parts';

const VAULT_KEY = 'vault';
const SESSION_KEY = 'vault.sessionKey';
const CHECK_TEXT = 'switchyard-vault-check';
/** How many sets of unreadable secrets are kept aside, newest first. */
const KEEP_UNREADABLE = 3;

export interface VaultStatus {
  hasPassphrase: boolean;
  locked: boolean;
  /** The stored keys cannot be decrypted; the user must enter them again. */
  unreadable: boolean;
}

export class Vault {
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;

  constructor(
    private readonly local: KeyValueStore,
    private readonly session: KeyValueStore,
    private readonly deviceKeys: DeviceKeyStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * One operation at a time, so each reads what the one before wrote (and a migration runs once).
   * With none running it starts at once rather than a turn later: a cold worker's first read then
   * leaves with the worker's other reads instead of after its start-up code has finished.
   */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.running === 0 ? (async () => operation())() : this.queue.then(operation);
    this.running++;
    // Counted down before the caller's own continuation runs, so its next call can start at once.
    const finished = () => {
      this.running--;
    };
    this.queue = run.then(finished, finished);
    return run;
  }

  private async read(): Promise<VaultData> {
    const raw = await this.local.get(VAULT_KEY);
    if (raw === undefined) return empty();
    // Only a vault that says it is version 1 is read as one (a failed parse costs a cold worker ~1 ms).
    const old = (raw as { version?: unknown } | null)?.version === 1 ? VaultKeysV1.safeParse(raw) : { success: false as const };
    const parsed = VaultData.safeParse(old.success ? { ...(raw as object), version: 2, secrets: null, keys: undefined } : raw);
    if (old.success && parsed.success) return this.migrate(parsed.data, old.data.keys);
    if (!parsed.success) throw new VaultError('invalid', 'The stored provider settings are damaged; re-import them or add the providers again.');
    return parsed.data;
  }

  /** A vault from before keys were encrypted by default: seal its keys, and drop the plain copy. */
  private async migrate(data: VaultData, keys: Secrets): Promise<VaultData> {
    await this.sealSecrets(data, keys);
    await this.write(data);
    return data;
  }

  private async write(data: VaultData): Promise<void> {
    await this.local.set(VAULT_KEY, VaultData.parse(data));
  }

  private async deviceKey(create: boolean): Promise<CryptoKey | undefined> {
    try {
      const key = await this.deviceKeys.load();
      if (key || !create) return key;
      return await this.deviceKeys.create().catch(async (error: unknown) => (await this.deviceKeys.load()) ?? Promise.reject(error));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new VaultError('unavailable', `Switchyard cannot use this browser's key store (IndexedDB: ${detail}), and never keeps keys unencrypted. Check that site data is allowed for extensions.`);
    }
  }

  private async secretsOf(data: VaultData): Promise<Secrets> {
    if (!data.secrets) return {};
    const key = await this.deviceKey(false);
    if (!key) throw unreadable();
    try {
      return Secrets.parse(JSON.parse(await open(key, data.secrets)));
    } catch {
      throw unreadable();
    }
  }

  /** The secrets, or undefined when they cannot be decrypted (other failures still throw). */
  private async readableSecretsOf(data: VaultData): Promise<Secrets | undefined> {
    try {
      return await this.secretsOf(data);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'unreadable') return undefined;
      throw error;
    }
  }

  private async sealSecrets(data: VaultData, secrets: Secrets): Promise<void> {
    data.secrets = Object.keys(secrets).length > 0 ? await seal((await this.deviceKey(true))!, JSON.stringify(secrets)) : null;
  }

  private async sessionKey(): Promise<CryptoKey | undefined> {
    const raw = await this.session.get<unknown>(SESSION_KEY);
    if (!raw) return undefined;
    try {
      // Version 1 kept the unlocked key as it is.
      if (typeof raw === 'string') return await importKey(raw);
      const device = await this.deviceKey(false);
      return device ? await importKey(await open(device, Sealed.parse(raw))) : undefined;
    } catch {
      return undefined;
    }
  }

  private async keepSessionKey(key: CryptoKey): Promise<void> {
    await this.session.set(SESSION_KEY, await seal((await this.deviceKey(true))!, await exportKey(key)));
  }

  status(): Promise<VaultStatus> {
    return this.serial(async () => {
      const data = await this.read();
      const hasPassphrase = data.lock !== null;
      const readable = (await this.readableSecretsOf(data)) !== undefined;
      return { hasPassphrase, locked: hasPassphrase && !(await this.sessionKey()), unreadable: !readable };
    });
  }

  providers(): Promise<ProviderView[]> {
    return this.serial(async () => viewsOf(await this.read()));
  }

  /**
   * Adds or replaces a provider. `apiKey`: a string sets it, null removes it, undefined keeps
   * the one stored. Setting a key while locked is refused, since it could not be sealed.
   */
  saveProvider(input: unknown, apiKey?: string | null): Promise<ProviderView> {
    return this.serial(async () => {
      const settings = ProviderSettings.parse(input);
      const data = await this.read();
      const index = data.providers.findIndex((p) => p.id === settings.id);
      if (index >= 0) data.providers[index] = settings;
      else data.providers.push(settings);
      const key = apiKey?.trim();
      if (apiKey === null || key) {
        const secrets = await this.secretsOf(data);
        if (key) {
          secrets[settings.id] = await this.storeKey(data, key);
          data.hints[settings.id] = hintOf(key);
        } else {
          delete secrets[settings.id];
          delete data.hints[settings.id];
        }
        await this.sealSecrets(data, secrets);
      }
      await this.write(data);
      return viewsOf(data).find((p) => p.id === settings.id)!;
    });
  }

  removeProvider(id: string): Promise<void> {
    return this.serial(async () => {
      const data = await this.read();
      if (!data.providers.some((p) => p.id === id)) throw new VaultError('not_found', `No provider "${id}".`);
      data.providers = data.providers.filter((p) => p.id !== id);
      // Unreadable keys stay as they are (set aside later, never wiped): the provider goes all the same.
      const secrets = id in data.hints ? await this.readableSecretsOf(data) : undefined;
      if (secrets) {
        delete secrets[id];
        await this.sealSecrets(data, secrets);
      }
      delete data.hints[id];
      await this.write(data);
    });
  }

  private async storeKey(data: VaultData, apiKey: string): Promise<StoredKey> {
    if (!data.lock) return { form: 'plain', value: apiKey };
    const key = await this.sessionKey();
    if (!key) throw new VaultError('locked', 'Unlock Switchyard with your passphrase to change keys.');
    return { form: 'sealed', sealed: await seal(key, apiKey) };
  }

  /**
   * Replaces every provider at once (settings import). A provider without a key in the list
   * keeps the key it had under the same id. Nothing is written when any key cannot be sealed.
   */
  replaceProviders(list: { settings: unknown; apiKey?: string }[]): Promise<void> {
    return this.serial(async () => {
      const data = await this.read();
      const kept = list.filter((p) => !p.apiKey).map((p) => (p.settings as { id?: unknown } | null)?.id);
      const keepsKeys = kept.some((id) => typeof id === 'string' && id in data.hints);
      const readable = await this.readableSecretsOf(data);
      if (!readable && keepsKeys) throw unreadable();
      const before = readable ?? {};
      const next: VaultData = { ...data, providers: [], hints: {} };
      // Keys that cannot be read are replaced by the imported ones, but kept aside, not wiped.
      if (!readable) next.unreadable = [{ setAside: this.now(), secrets: data.secrets! }, ...data.unreadable].slice(0, KEEP_UNREADABLE);
      const secrets: Secrets = {};
      for (const { settings, apiKey } of list) {
        const parsed = ProviderSettings.parse(settings);
        next.providers.push(parsed);
        if (apiKey) {
          secrets[parsed.id] = await this.storeKey(data, apiKey);
          next.hints[parsed.id] = hintOf(apiKey);
        } else if (before[parsed.id]) {
          secrets[parsed.id] = before[parsed.id]!;
          next.hints[parsed.id] = data.hints[parsed.id] ?? '';
        }
      }
      // The search service is no provider: an import of providers keeps its key.
      if (before[SEARCH_SECRET]) {
        secrets[SEARCH_SECRET] = before[SEARCH_SECRET];
        next.hints[SEARCH_SECRET] = data.hints[SEARCH_SECRET] ?? '';
      }
      await this.sealSecrets(next, secrets);
      await this.write(next);
    });
  }

  /** Provider settings with their keys in plain text, for an export the user asked to include keys in. */
  exportProviders(includeKeys: boolean): Promise<(ProviderSettings & { apiKey?: string })[]> {
    return this.serial(async () => {
      const data = await this.read();
      const keys = includeKeys ? await this.plainKeysOf(data) : {};
      return data.providers.map((p) => ({ ...p, ...(keys[p.id] ? { apiKey: keys[p.id] } : {}) }));
    });
  }

  private async plainKeysOf(data: VaultData): Promise<Record<string, string>> {
    const secrets = await this.secretsOf(data);
    const key = data.lock ? await this.sessionKey() : undefined;
    if (data.lock && !key && Object.values(secrets).some((k) => k.form === 'sealed')) {
      throw new VaultError('locked', 'Switchyard is locked. Unlock it with your passphrase to use your keys.');
    }
    const out: Record<string, string> = {};
    for (const [id, stored] of Object.entries(secrets)) out[id] = stored.form === 'plain' ? stored.value : await open(key!, stored.sealed);
    return out;
  }

  searchService(): Promise<SearchServiceView | null> {
    return this.serial(async () => {
      const { search, hints } = await this.read();
      return search && { ...search, keyHint: SEARCH_SECRET in hints ? `••••${hints[SEARCH_SECRET]}` : null };
    });
  }

  /** Sets the web search service (null: none) and its key (a string sets it, undefined keeps it for the same service). */
  saveSearchService(input: unknown, apiKey?: string): Promise<SearchServiceView | null> {
    return this.serial(async () => {
      const service = input === null ? null : SearchService.parse(input);
      const data = await this.read();
      const key = apiKey?.trim();
      const sameService = service !== null && data.search?.kind === service.kind;
      if (service && !key && !sameService) throw new VaultError('invalid', `Enter the ${service.kind} API key.`);
      if (key || !sameService) {
        const secrets = await this.secretsOf(data);
        if (key && service) {
          secrets[SEARCH_SECRET] = await this.storeKey(data, key);
          data.hints[SEARCH_SECRET] = hintOf(key);
        } else {
          delete secrets[SEARCH_SECRET];
          delete data.hints[SEARCH_SECRET];
        }
        await this.sealSecrets(data, secrets);
      }
      data.search = service;
      await this.write(data);
      return service && { ...service, keyHint: `••••${data.hints[SEARCH_SECRET]}` };
    });
  }

  /** The search service with its key, for the gateway; undefined without one. Only the background calls this. */
  searchConfig(): Promise<(SearchProviderConfig & Pick<SearchService, 'readPages'>) | undefined> {
    return this.serial(async () => {
      const data = await this.read();
      if (!data.search || !(SEARCH_SECRET in data.hints)) return undefined;
      const apiKey = (await this.plainKeysOf(data))[SEARCH_SECRET];
      return apiKey ? { ...data.search, apiKey } : undefined;
    });
  }

  /** Enabled providers with their keys, for the gateway. Only the background calls this. */
  providerConfigs(): Promise<ProviderConfig[]> {
    return this.serial(async () => {
      const data = await this.read();
      const enabled = data.providers.filter((p) => p.enabled);
      const keys = enabled.some((p) => p.id in data.hints) ? await this.plainKeysOf(data) : {};
      return enabled.map((p) => {
        const apiKey = keys[p.id];
        return {
          id: p.id,
          kind: p.kind,
          baseUrl: p.baseUrl,
          headers: p.headers,
          preset: p.preset,
          timeouts: p.timeouts,
          ...(p.apiVersion ? { apiVersion: p.apiVersion } : {}),
          ...(p.deployments ? { deployments: p.deployments } : {}),
          ...(p.contextWindows ? { contextWindows: p.contextWindows } : {}),
          ...(p.region ? { region: p.region } : {}),
          ...(apiKey ? { apiKey } : {}),
        };
      });
    });
  }

  /**
   * For a vault whose keys cannot be read: sets them aside (kept in storage, never wiped) so the
   * user can enter keys again. Provider settings and the passphrase stay as they are.
   */
  setAsideUnreadable(): Promise<void> {
    return this.serial(async () => {
      const data = await this.read();
      if (!data.secrets || (await this.readableSecretsOf(data))) return;
      data.unreadable = [{ setAside: this.now(), secrets: data.secrets }, ...data.unreadable].slice(0, KEEP_UNREADABLE);
      data.secrets = null;
      data.hints = {};
      await this.write(data);
      await this.session.remove(SESSION_KEY);
    });
  }

  /** Protects the stored keys with a passphrase too (and unlocks for this browser session). */
  setPassphrase(passphrase: string): Promise<void> {
    return this.serial(async () => {
      if (passphrase.length < 8) throw new VaultError('weak_passphrase', 'Use a passphrase of at least 8 characters.');
      const data = await this.read();
      if (data.lock) throw new VaultError('has_passphrase', 'A passphrase is already set; change it instead.');
      const secrets = await this.secretsOf(data);
      const salt = randomBytes(16);
      const key = await deriveKey(passphrase, salt);
      for (const [id, stored] of Object.entries(secrets)) {
        if (stored.form === 'plain') secrets[id] = { form: 'sealed', sealed: await seal(key, stored.value) };
      }
      data.lock = { salt: toBase64(salt), iterations: PBKDF2_ITERATIONS, check: await seal(key, CHECK_TEXT) };
      await this.sealSecrets(data, secrets);
      await this.write(data);
      await this.keepSessionKey(key);
    });
  }

  unlock(passphrase: string): Promise<void> {
    return this.serial(async () => void (await this.unlockWith(passphrase)));
  }

  private async unlockWith(passphrase: string): Promise<CryptoKey> {
    const data = await this.read();
    if (!data.lock) throw new VaultError('no_passphrase', 'No passphrase is set.');
    const key = await deriveKey(passphrase, fromBase64(data.lock.salt), data.lock.iterations);
    try {
      if ((await open(key, data.lock.check)) !== CHECK_TEXT) throw new Error('mismatch');
    } catch {
      throw new VaultError('wrong_passphrase', 'That passphrase is not right.');
    }
    await this.keepSessionKey(key);
    return key;
  }

  lock(): Promise<void> {
    return this.serial(() => this.session.remove(SESSION_KEY));
  }

  /** Re-seals every key under a new passphrase; the old one must be right. */
  changePassphrase(current: string, next: string): Promise<void> {
    return this.serial(async () => {
      if (next.length < 8) throw new VaultError('weak_passphrase', 'Use a passphrase of at least 8 characters.');
      await this.unlockWith(current);
      const data = await this.read();
      const plain = await this.plainKeysOf(data);
      const salt = randomBytes(16);
      const key = await deriveKey(next, salt);
      const secrets: Secrets = {};
      for (const [id, value] of Object.entries(plain)) secrets[id] = { form: 'sealed', sealed: await seal(key, value) };
      data.lock = { salt: toBase64(salt), iterations: PBKDF2_ITERATIONS, check: await seal(key, CHECK_TEXT) };
      await this.sealSecrets(data, secrets);
      await this.write(data);
      await this.keepSessionKey(key);
    });
  }

  /** Drops the passphrase: the keys stay encrypted with the device key alone. The passphrase must be right. */
  removePassphrase(current: string): Promise<void> {
    return this.serial(async () => {
      await this.unlockWith(current);
      const data = await this.read();
      const plain = await this.plainKeysOf(data);
      const secrets: Secrets = {};
      for (const [id, value] of Object.entries(plain)) secrets[id] = { form: 'plain', value };
      data.lock = null;
      await this.sealSecrets(data, secrets);
      await this.write(data);
      await this.session.remove(SESSION_KEY);
    });
  }
}
