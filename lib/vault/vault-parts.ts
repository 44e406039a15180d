/** The vault's errors and the small pure helpers its class uses: empty data, key hints, what pages may see. */
import type { ProviderView, VaultData } from './schema';

export type VaultErrorCode =
  | 'locked'
  | 'wrong_passphrase'
  | 'no_passphrase'
  | 'has_passphrase'
  | 'not_found'
  | 'invalid'
  | 'weak_passphrase'
  | 'unreadable'
  | 'unavailable';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

export const unreadable = () =>
  new VaultError(
    'unreadable',
    'Switchyard cannot read your saved API keys: the key that encrypts them is gone from this browser (its site data was cleared) or the stored keys are damaged. ' +
      'Your provider settings are kept. Open Options → Providers and choose “Enter keys again”.',
  );

export const empty = (): VaultData => ({ version: 2, providers: [], secrets: null, lock: null, hints: {}, unreadable: [], search: null });

/** The end of a key, to tell keys apart; for AWS credentials (JSON), the end of the access key id. */
export function hintOf(key: string): string {
  if (key.trimStart().startsWith('{')) {
    try {
      const { accessKeyId } = JSON.parse(key) as { accessKeyId?: unknown };
      if (typeof accessKeyId === 'string') return accessKeyId.slice(-4);
    } catch {
      // not JSON after all: a key like any other
    }
  }
  return key.slice(-4);
}

/**
 * Provider settings and their keys, in extension storage. Keys are always encrypted at rest
 * with the device key (non-extractable, in the extension's IndexedDB, out of every content
 * script's reach); a passphrase adds a second layer (PBKDF2 → AES-GCM) inside it. Unlocking
 * keeps the passphrase key in session storage, sealed with the device key, until the browser
 * closes, so a restarted service worker stays unlocked.
 */
export function viewsOf(data: VaultData): ProviderView[] {
  return data.providers.map((p) => ({
    ...p,
    keySet: p.id in data.hints,
    keyHint: p.id in data.hints ? `••••${data.hints[p.id]}` : null,
  }));
}
