import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/platform/key-value-store';
import { deriveKey, open, randomBytes, seal } from '../../../lib/vault/crypto';
import { Vault, VaultError } from '../../../lib/vault/vault';

const SECRET = 'sk-live-0123456789abcdefWXYZ';
const groq = { id: 'groq', name: 'Groq', kind: 'openai', preset: 'groq', baseUrl: 'https://api.groq.com/openai/v1' };

function setup() {
  const local = new MemoryStore();
  const session = new MemoryStore();
  return { local, session, vault: new Vault(local, session) };
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
    const { vault, local, session } = setup();
    await vault.saveProvider(groq, SECRET);
    await vault.setPassphrase('correct horse battery');
    expect(local.dump()).not.toContain(SECRET);
    expect(local.dump()).not.toContain('0123456789');
    expect(await vault.status()).toEqual({ hasPassphrase: true, locked: false });

    await vault.lock();
    expect(await vault.status()).toEqual({ hasPassphrase: true, locked: true });
    await expect(vault.providerConfigs()).rejects.toMatchObject({ code: 'locked' });
    await expect(vault.saveProvider({ ...groq, id: 'groq2' }, 'sk-other-1234')).rejects.toMatchObject({ code: 'locked' });

    await expect(vault.unlock('wrong horse battery')).rejects.toBeInstanceOf(VaultError);
    await expect(vault.unlock('wrong horse battery')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect(await vault.status()).toMatchObject({ locked: true });

    await vault.unlock('correct horse battery');
    expect((await vault.providerConfigs())[0]!.apiKey).toBe(SECRET);
    // A restarted service worker reads the unlocked key from session storage.
    expect((await new Vault(local, session).providerConfigs())[0]!.apiKey).toBe(SECRET);
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
    expect(await vault.status()).toEqual({ hasPassphrase: false, locked: false });
    expect(local.dump()).toContain(SECRET);
  });

  it('refuses a short passphrase and reports damaged storage clearly', async () => {
    const { vault, local } = setup();
    await expect(vault.setPassphrase('short')).rejects.toMatchObject({ code: 'weak_passphrase' });
    await local.set('vault', { version: 1, providers: 'garbage' });
    await expect(vault.providers()).rejects.toMatchObject({ code: 'invalid' });
  });
});
