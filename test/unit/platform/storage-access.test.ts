import type { Storage } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { restrictToTrustedContexts } from '../../../lib/platform/storage-access';

describe('restrictToTrustedContexts', () => {
  it('closes every area the browser lets it close, and leaves the others (Firefox) as they are', async () => {
    const levels: Record<string, string> = {};
    const area = (name: string, settable: boolean, fails = false) => ({
      get: async () => ({}),
      ...(settable
        ? {
            setAccessLevel: async ({ accessLevel }: { accessLevel: string }) => {
              if (fails) throw new Error('not supported');
              levels[name] = accessLevel;
            },
          }
        : {}),
    });
    const chrome = { local: area('local', true), sync: area('sync', true), managed: area('managed', true, true), session: area('session', true) };
    expect(await restrictToTrustedContexts(chrome as unknown as Storage.Static)).toEqual(['local', 'sync']);
    expect(levels).toEqual({ local: 'TRUSTED_CONTEXTS', sync: 'TRUSTED_CONTEXTS' });
    const firefox = { local: area('local', false), sync: area('sync', false) };
    expect(await restrictToTrustedContexts(firefox as unknown as Storage.Static)).toEqual([]);
  });
});
