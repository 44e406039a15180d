import type { Storage } from 'webextension-polyfill';

type Area = Storage.StorageArea & { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * Closes extension storage to content scripts where the browser allows it (Chrome: local, sync
 * and managed; session is closed already). Switchyard's content scripts never use storage, and
 * nothing secret is kept there unencrypted anyway; this is a second wall. Firefox has no such
 * switch, and is covered by the encryption alone.
 */
export async function restrictToTrustedContexts(areas: Storage.Static): Promise<string[]> {
  const closed: string[] = [];
  for (const name of ['local', 'sync', 'managed'] as const) {
    const area = (areas as unknown as Record<string, Area | undefined>)[name];
    if (typeof area?.setAccessLevel !== 'function') continue;
    try {
      await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      closed.push(name);
    } catch {
      // An area this browser does not let us restrict stays as it is.
    }
  }
  return closed;
}
