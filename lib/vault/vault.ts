import type { ProviderConfig } from '../gateway/providers/types';
import type { KeyValueStore } from '../platform/key-value-store';
import { deriveKey, exportKey, fromBase64, importKey, open, PBKDF2_ITERATIONS, randomBytes, seal, toBase64 } from './crypto';
import { ProviderSettings, VaultData, type ProviderView, type StoredKey } from './schema';

const VAULT_KEY = 'vault';
const SESSION_KEY = 'vault.sessionKey';
const CHECK_TEXT = 'switchyard-vault-check';

export class VaultError extends Error {
  constructor(
    readonly code: 'locked' | 'wrong_passphrase' | 'no_passphrase' | 'has_passphrase' | 'not_found' | 'invalid' | 'weak_passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

const empty = (): VaultData => ({ version: 1, providers: [], keys: {}, lock: null, hints: {} });

function hintOf(key: string): string {
  return key.slice(-4);
}

/**
 * Provider settings and their keys, in extension storage. With a passphrase, keys are sealed
 * with AES-GCM under a PBKDF2-derived key; unlocking keeps that key in session storage (gone
 * when the browser closes), so a restarted service worker stays unlocked.
 */
export class Vault {
  constructor(
    private readonly local: KeyValueStore,
    private readonly session: KeyValueStore,
  ) {}

  private async read(): Promise<VaultData> {
    const raw = await this.local.get(VAULT_KEY);
    if (raw === undefined) return empty();
    const parsed = VaultData.safeParse(raw);
    if (!parsed.success) throw new VaultError('invalid', 'The stored provider settings are damaged; re-import them or add the providers again.');
    return parsed.data;
  }

  private async write(data: VaultData): Promise<void> {
    await this.local.set(VAULT_KEY, VaultData.parse(data));
  }

  private async sessionKey(): Promise<CryptoKey | undefined> {
    const raw = await this.session.get<string>(SESSION_KEY);
    return raw ? importKey(raw) : undefined;
  }

  async status(): Promise<{ hasPassphrase: boolean; locked: boolean }> {
    const data = await this.read();
    const hasPassphrase = data.lock !== null;
    return { hasPassphrase, locked: hasPassphrase && !(await this.sessionKey()) };
  }

  async providers(): Promise<ProviderView[]> {
    const data = await this.read();
    return data.providers.map((p) => ({
      ...p,
      keySet: Boolean(data.keys[p.id]),
      keyHint: data.hints[p.id] ? `••••${data.hints[p.id]}` : null,
    }));
  }

  /**
   * Adds or replaces a provider. `apiKey`: a string sets it, null removes it, undefined keeps
   * the one stored. Setting a key while locked is refused, since it could not be sealed.
   */
  async saveProvider(input: unknown, apiKey?: string | null): Promise<ProviderView> {
    const settings = ProviderSettings.parse(input);
    const data = await this.read();
    const index = data.providers.findIndex((p) => p.id === settings.id);
    if (index >= 0) data.providers[index] = settings;
    else data.providers.push(settings);
    if (apiKey === null) {
      delete data.keys[settings.id];
      delete data.hints[settings.id];
    } else if (apiKey !== undefined && apiKey.trim() !== '') {
      data.keys[settings.id] = await this.storeKey(data, apiKey.trim());
      data.hints[settings.id] = hintOf(apiKey.trim());
    }
    await this.write(data);
    return (await this.providers()).find((p) => p.id === settings.id)!;
  }

  async removeProvider(id: string): Promise<void> {
    const data = await this.read();
    if (!data.providers.some((p) => p.id === id)) throw new VaultError('not_found', `No provider "${id}".`);
    data.providers = data.providers.filter((p) => p.id !== id);
    delete data.keys[id];
    delete data.hints[id];
    await this.write(data);
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
  async replaceProviders(list: { settings: unknown; apiKey?: string }[]): Promise<void> {
    const data = await this.read();
    const next: VaultData = { ...data, providers: [], keys: {}, hints: {} };
    for (const { settings, apiKey } of list) {
      const parsed = ProviderSettings.parse(settings);
      next.providers.push(parsed);
      if (apiKey) {
        next.keys[parsed.id] = await this.storeKey(data, apiKey);
        next.hints[parsed.id] = hintOf(apiKey);
      } else if (data.keys[parsed.id]) {
        next.keys[parsed.id] = data.keys[parsed.id]!;
        next.hints[parsed.id] = data.hints[parsed.id] ?? '';
      }
    }
    await this.write(next);
  }

  /** Provider settings with their keys in plain text, for an export the user asked to include keys in. */
  async exportProviders(includeKeys: boolean): Promise<(ProviderSettings & { apiKey?: string })[]> {
    const data = await this.read();
    const keys = includeKeys ? await this.plainKeysOf(data) : {};
    return data.providers.map((p) => ({ ...p, ...(keys[p.id] ? { apiKey: keys[p.id] } : {}) }));
  }

  private async plainKeysOf(data: VaultData): Promise<Record<string, string>> {
    const key = data.lock ? await this.sessionKey() : undefined;
    if (data.lock && !key) throw new VaultError('locked', 'Unlock Switchyard to export keys.');
    const out: Record<string, string> = {};
    for (const [id, stored] of Object.entries(data.keys)) out[id] = stored.form === 'plain' ? stored.value : await open(key!, stored.sealed);
    return out;
  }

  /** Enabled providers with their keys, for the gateway. Only the background calls this. */
  async providerConfigs(): Promise<ProviderConfig[]> {
    const data = await this.read();
    const key = data.lock ? await this.sessionKey() : undefined;
    if (data.lock && !key && Object.values(data.keys).some((k) => k.form === 'sealed')) {
      throw new VaultError('locked', 'Switchyard is locked. Unlock it with your passphrase to use your keys.');
    }
    const out: ProviderConfig[] = [];
    for (const p of data.providers.filter((p) => p.enabled)) {
      const stored = data.keys[p.id];
      const apiKey = !stored ? undefined : stored.form === 'plain' ? stored.value : await open(key!, stored.sealed);
      out.push({ id: p.id, kind: p.kind, baseUrl: p.baseUrl, headers: p.headers, preset: p.preset, timeouts: p.timeouts, ...(apiKey ? { apiKey } : {}) });
    }
    return out;
  }

  /** Protects the stored keys with a passphrase (and unlocks for this browser session). */
  async setPassphrase(passphrase: string): Promise<void> {
    if (passphrase.length < 8) throw new VaultError('weak_passphrase', 'Use a passphrase of at least 8 characters.');
    const data = await this.read();
    if (data.lock) throw new VaultError('has_passphrase', 'A passphrase is already set; change it instead.');
    const salt = randomBytes(16);
    const key = await deriveKey(passphrase, salt);
    for (const [id, stored] of Object.entries(data.keys)) {
      if (stored.form === 'plain') data.keys[id] = { form: 'sealed', sealed: await seal(key, stored.value) };
    }
    data.lock = { salt: toBase64(salt), iterations: PBKDF2_ITERATIONS, check: await seal(key, CHECK_TEXT) };
    await this.write(data);
    await this.session.set(SESSION_KEY, await exportKey(key));
  }

  async unlock(passphrase: string): Promise<void> {
    const data = await this.read();
    if (!data.lock) throw new VaultError('no_passphrase', 'No passphrase is set.');
    const key = await deriveKey(passphrase, fromBase64(data.lock.salt), data.lock.iterations);
    try {
      if ((await open(key, data.lock.check)) !== CHECK_TEXT) throw new Error('mismatch');
    } catch {
      throw new VaultError('wrong_passphrase', 'That passphrase is not right.');
    }
    await this.session.set(SESSION_KEY, await exportKey(key));
  }

  async lock(): Promise<void> {
    await this.session.remove(SESSION_KEY);
  }

  /** Re-seals every key under a new passphrase; the old one must be right. */
  async changePassphrase(current: string, next: string): Promise<void> {
    if (next.length < 8) throw new VaultError('weak_passphrase', 'Use a passphrase of at least 8 characters.');
    await this.unlock(current);
    const plain = await this.plainKeys();
    const data = await this.read();
    const salt = randomBytes(16);
    const key = await deriveKey(next, salt);
    for (const [id, value] of Object.entries(plain)) data.keys[id] = { form: 'sealed', sealed: await seal(key, value) };
    data.lock = { salt: toBase64(salt), iterations: PBKDF2_ITERATIONS, check: await seal(key, CHECK_TEXT) };
    await this.write(data);
    await this.session.set(SESSION_KEY, await exportKey(key));
  }

  /** Stores the keys unencrypted again; the passphrase must be right. */
  async removePassphrase(current: string): Promise<void> {
    await this.unlock(current);
    const plain = await this.plainKeys();
    const data = await this.read();
    for (const [id, value] of Object.entries(plain)) data.keys[id] = { form: 'plain', value };
    data.lock = null;
    await this.write(data);
    await this.session.remove(SESSION_KEY);
  }

  private async plainKeys(): Promise<Record<string, string>> {
    return this.plainKeysOf(await this.read());
  }
}
