import { describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../../lib/platform/device-key';
import { MemoryStore } from '../../../lib/platform/key-value-store';
import { deriveKey, open, randomBytes, seal } from '../../../lib/vault/crypto';
import { Vault, VaultError } from '../../../lib/vault/vault';

const SECRET = 'sk-live-0123456789abcdefWXYZ';
const groq = { id: 'groq', name: 'Groq', kind: 'openai', preset: 'groq', baseUrl: 'https://api.groq.com/openai/v1' };

function setup() {
  const local = new MemoryStore();
  const session = new MemoryStore();
  const deviceKeys = new MemoryKeyStore();
  return { local, session, deviceKeys, vault: new Vault(local, session, deviceKeys) };
}

/** Everything a content script could read: extension storage, local and session alike. */
function readable(...stores: MemoryStore[]): string {
  return stores.map((s) => s.dump()).join('\n');
}

describe('vault crypto', () => {
  it('seals with a random IV and opens only with the same key', async () => {
    const salt = randomBytes(16);
    const key = await deriveKey('correct horse battery', salt, 100_000);
    const a = await seal(key, SECRET);
    const b = await seal(key, SECRET);
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toContain('sk-live');
    expect(await open(key, a)).toBe(SECRET);
    const wrong = await deriveKey('wrong horse battery', salt, 100_000);
    await expect(open(wrong, a)).rejects.toThrow();
    const tampered = { ...a, data: a.data.slice(0, -4) + (a.data.endsWith('AAAA') ? 'BBBB' : 'AAAA') };
    await expect(open(key, tampered)).rejects.toThrow();
  });
});

describe('vault', () => {
  it('never shows a key to pages: only that one is set and its last four characters', async () => {
    const { vault } = setup();
    const view = await vault.saveProvider(groq, SECRET);
    expect(view).toMatchObject({ id: 'groq', keySet: true, keyHint: '••••WXYZ', headers: {}, enabled: true });
    expect(JSON.stringify(await vault.providers())).not.toContain('0123456789');
    expect((await vault.providerConfigs())[0]).toMatchObject({ id: 'groq', apiKey: SECRET });
  });

  it('keeps the stored key when saved without one, removes it with null, and validates settings', async () => {
    const { vault } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.saveProvider({ ...groq, name: 'Groq (work)' });
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
    await vault.saveProvider(groq, null);
    expect((await vault.providers())[0]).toMatchObject({ keySet: false, keyHint: null });
    await expect(vault.saveProvider({ ...groq, id: 'Bad Id' })).rejects.toThrow(/lowercase/);
    await expect(vault.saveProvider({ ...groq, baseUrl: 'ftp://x' })).rejects.toThrow(/http/);
  });

  it('with a passphrase, nothing on disk decrypts without it, and it locks and unlocks', async () => {
    const { vault, local, session, deviceKeys } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.setPassphrase('correct horse battery');
    expect(local.dump()).not.toContain(SECRET);
    expect(local.dump()).not.toContain('0123456789');
    expect(await vault.status()).toEqual({ hasPassphrase: true, locked: false, unreadable: false });

    await vault.lock();
    expect(await vault.status()).toEqual({ hasPassphrase: true, locked: true, unreadable: false });
    await expect(vault.providerConfigs()).rejects.toMatchObject({ code: 'locked' });
    await expect(vault.saveProvider({ ...groq, id: 'groq2' }, 'sk-other-1234')).rejects.toMatchObject({ code: 'locked' });

    await expect(vault.unlock('wrong horse battery')).rejects.toBeInstanceOf(VaultError);
    await expect(vault.unlock('wrong horse battery')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect(await vault.status()).toMatchObject({ locked: true });

    await vault.unlock('correct horse battery');
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
    // A restarted service worker reads the unlocked key from session storage.
    expect((await new Vault(local, session, deviceKeys).providerConfigs())[0]!.apiKey).toBe(SECRET);
  });

  it('changes and removes the passphrase, re-sealing every key', async () => {
    const { vault, local } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.setPassphrase('first passphrase');
    await expect(vault.changePassphrase('not it at all', 'second passphrase')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await vault.changePassphrase('first passphrase', 'second passphrase');
    await vault.lock();
    await expect(vault.unlock('first passphrase')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await vault.unlock('second passphrase');
    await vault.removePassphrase('second passphrase');
    expect(await vault.status()).toEqual({ hasPassphrase: false, locked: false, unreadable: false });
    expect(local.dump()).not.toContain(SECRET);
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
  });

  it('refuses a short passphrase and reports damaged storage clearly', async () => {
    const { vault, local } = setup();
    await expect(vault.setPassphrase('short')).rejects.toMatchObject({ code: 'weak_passphrase' });
    await local.set('vault', { version: 1, providers: 'garbage' });
    await expect(vault.providers()).rejects.toMatchObject({ code: 'invalid' });
  });

  it('without a passphrase, nothing in extension storage is a key or decrypts one', async () => {
    const { vault, local, session } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.saveProvider({ ...groq, id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' }, 'sk-proj-ABCDEFGHIJKLMNOP1234');
    const dump = readable(local, session);
    expect(dump).not.toContain('0123456789abcdef');
    expect(dump).not.toContain('ABCDEFGHIJKLMNOP');
    expect(dump).toContain('"secrets":{"iv"');
    expect((await vault.providerConfigs()).map((p) => p.apiKey)).toEqual([SECRET, 'sk-proj-ABCDEFGHIJKLMNOP1234']);
  });

  it('an unlocked passphrase key kept for the session is sealed too', async () => {
    const { vault, local, session } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.setPassphrase('correct horse battery');
    // Session storage holds the unlocked key; even there it is sealed with the device key.
    expect(JSON.stringify(await session.get('vault.sessionKey'))).toMatch(/^\{"iv":/);
    expect(readable(local, session)).not.toContain('0123456789');
  });

  it('migrates a version 1 vault on first read: plain keys sealed, passphrase keys kept, nothing lost', async () => {
    const { vault, local, session } = setup();
    await local.set('vault', {
      version: 1,
      providers: [groq, { ...groq, id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' }],
      keys: { groq: { form: 'plain', value: SECRET }, openai: { form: 'plain', value: 'sk-proj-old-5678' } },
      lock: null,
      hints: { groq: 'WXYZ', openai: '5678' },
    });
    expect((await vault.providers()).map((p) => p.keyHint)).toEqual(['••••WXYZ', '••••5678']);
    expect(readable(local, session)).not.toContain(SECRET);
    expect(readable(local, session)).not.toContain('sk-proj-old');
    expect((await vault.providerConfigs()).map((p) => p.apiKey)).toEqual([SECRET, 'sk-proj-old-5678']);
    expect((await local.get<{ version: number }>('vault'))!.version).toBe(2);
  });

  it('migrates a version 1 vault with a passphrase: it still unlocks, and an old session key still works', async () => {
    const { vault, local, session } = setup();
    const salt = randomBytes(16);
    const key = await deriveKey('correct horse battery', salt, 100_000);
    const { exportKey, toBase64 } = await import('../../../lib/vault/crypto');
    await local.set('vault', {
      version: 1,
      providers: [groq],
      keys: { groq: { form: 'sealed', sealed: await seal(key, SECRET) } },
      lock: { salt: toBase64(salt), iterations: 100_000, check: await seal(key, 'switchyard-vault-check') },
      hints: { groq: 'WXYZ' },
    });
    await session.set('vault.sessionKey', await exportKey(key));
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
    await vault.lock();
    await expect(vault.providerConfigs()).rejects.toMatchObject({ code: 'locked' });
    await vault.unlock('correct horse battery');
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
  });

  it('keys that cannot be decrypted get a clear message and a way to enter them again, never a wipe', async () => {
    const { vault, local, deviceKeys } = setup();
    await vault.saveProvider(groq, SECRET);
    const sealed = (await local.get<{ secrets: unknown }>('vault'))!.secrets;
    deviceKeys.drop();

    expect(await vault.status()).toEqual({ hasPassphrase: false, locked: false, unreadable: true });
    await expect(vault.providerConfigs()).rejects.toMatchObject({ code: 'unreadable', message: expect.stringContaining('Enter keys again') });
    await expect(vault.saveProvider(groq, 'sk-new-key-0000')).rejects.toMatchObject({ code: 'unreadable' });
    // Settings are still there, and so are the sealed keys.
    expect((await vault.providers())[0]).toMatchObject({ id: 'groq', keySet: true });
    expect((await local.get<{ secrets: unknown }>('vault'))!.secrets).toEqual(sealed);

    await vault.setAsideUnreadable();
    expect(await vault.status()).toEqual({ hasPassphrase: false, locked: false, unreadable: false });
    expect((await vault.providers())[0]).toMatchObject({ id: 'groq', keySet: false });
    expect((await local.get<{ unreadable: { secrets: unknown }[] }>('vault'))!.unreadable[0]!.secrets).toEqual(sealed);
    await vault.saveProvider(groq, 'sk-new-key-0000');
    expect((await vault.providerConfigs())[0]!.apiKey).toBe('sk-new-key-0000');
  });

  it('with unreadable keys, a provider can still be removed, and an import with keys sets the old ones aside', async () => {
    const { vault, local, deviceKeys } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.saveProvider({ ...groq, id: 'other', name: 'Other' }, 'sk-other-9999');
    const sealed = (await local.get<{ secrets: unknown }>('vault'))!.secrets;
    deviceKeys.drop();
    await vault.removeProvider('other');
    expect((await vault.providers()).map((p) => p.id)).toEqual(['groq']);
    // Keeping a key it cannot read is refused; bringing new keys works, and the old ones are kept aside.
    await expect(vault.replaceProviders([{ settings: groq }])).rejects.toMatchObject({ code: 'unreadable' });
    await vault.replaceProviders([{ settings: groq, apiKey: 'sk-imported-1111' }]);
    expect((await vault.providerConfigs())[0]!.apiKey).toBe('sk-imported-1111');
    expect((await local.get<{ unreadable: { secrets: unknown }[] }>('vault'))!.unreadable[0]!.secrets).toEqual(sealed);
  });

  it('damaged sealed keys are reported as unreadable, not as a crash', async () => {
    const { vault, local } = setup();
    await vault.saveProvider(groq, SECRET);
    const stored = (await local.get<{ secrets: { iv: string; data: string } }>('vault'))!;
    await local.set('vault', { ...stored, secrets: { ...stored.secrets, data: stored.secrets.data.replace(/^..../, 'AAAA') } });
    expect(await vault.status()).toMatchObject({ unreadable: true });
    await expect(vault.providerConfigs()).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('a key store that cannot be used refuses to save keys rather than keeping them in plain text', async () => {
    const local = new MemoryStore();
    const broken = { load: () => Promise.reject(new Error('IndexedDB is blocked')), create: () => Promise.reject(new Error('IndexedDB is blocked')) };
    const vault = new Vault(local, new MemoryStore(), broken);
    await expect(vault.saveProvider(groq, SECRET)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('never keeps keys unencrypted') });
    expect(local.dump()).not.toContain(SECRET);
    // A provider without a key (a local server) still saves.
    await vault.saveProvider({ ...groq, id: 'ollama', baseUrl: 'http://127.0.0.1:11434' });
    expect((await vault.providers()).map((p) => p.id)).toEqual(['ollama']);
  });

  it('starts a read at once when nothing else is running, and still runs operations one at a time', async () => {
    const { local, vault } = setup();
    await vault.saveProvider(groq, SECRET);
    const asked: string[] = [];
    const get = local.get.bind(local);
    local.get = async <T,>(key: string) => {
      asked.push(key);
      return get<T>(key);
    };
    // A cold worker's first read leaves with its others, not a turn later.
    const first = vault.providerConfigs();
    expect(asked).toEqual(['vault']);
    // One queued behind it sees what a save between them wrote.
    const saving = vault.saveProvider({ ...groq, name: 'Groq (renamed)' });
    const after = vault.providers();
    expect(asked).toEqual(['vault']);
    expect((await first)[0]!.apiKey).toBe(SECRET);
    await saving;
    expect((await after)[0]!.name).toBe('Groq (renamed)');
  });
});

describe('the web search service in the vault', () => {
  it('keeps its key sealed beside the providers’, shows only a hint, gives it to the gateway, and outlives a providers import', async () => {
    const { vault, local, session } = setup();
    await vault.saveProvider(groq, SECRET);
    expect(await vault.saveSearchService({ kind: 'tavily' }, 'tvly-search-key-9876')).toEqual({ kind: 'tavily', keyHint: '••••9876' });
    expect(readable(local, session)).not.toContain('tvly-search-key');
    expect(await vault.searchConfig()).toEqual({ kind: 'tavily', apiKey: 'tvly-search-key-9876' });
    // Its address changed, its key kept; another service needs its own key.
    await vault.saveSearchService({ kind: 'tavily', baseUrl: 'http://127.0.0.1:9/tavily' });
    expect(await vault.searchConfig()).toEqual({ kind: 'tavily', baseUrl: 'http://127.0.0.1:9/tavily', apiKey: 'tvly-search-key-9876' });
    await expect(vault.saveSearchService({ kind: 'exa' })).rejects.toThrow('Enter the exa API key.');
    // An import of providers replaces them, not the search service.
    await vault.replaceProviders([{ settings: groq }]);
    expect((await vault.searchConfig())?.apiKey).toBe('tvly-search-key-9876');
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
    // None: the key goes too.
    expect(await vault.saveSearchService(null)).toBeNull();
    expect(await vault.searchConfig()).toBeUndefined();
    expect(await vault.searchService()).toBeNull();
  });

  it('asks for the passphrase before giving a locked key to the gateway', async () => {
    const { vault } = setup();
    await vault.setPassphrase('correct horse battery staple');
    await vault.saveSearchService({ kind: 'brave' }, 'BSA-locked-key');
    await vault.lock();
    await expect(vault.searchConfig()).rejects.toThrow(VaultError);
    await vault.unlock('correct horse battery staple');
    expect((await vault.searchConfig())?.apiKey).toBe('BSA-locked-key');
  });
});
