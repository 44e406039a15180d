import { describe, expect, it } from 'vitest';
import { applyPresence, isPresent, patternsFor, siteOf, withSite, type RegisteredScript, type ScriptRegistry } from '../../../lib/page-api/presence';

/** Chrome's registry as far as the page API uses it, refusing duplicate ids as Chrome does. */
function fakeRegistry() {
  const scripts = new Map<string, RegisteredScript>();
  const registry: ScriptRegistry = {
    async getRegisteredContentScripts(filter) {
      return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
    },
    async registerContentScripts(list) {
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, s);
      }
    },
    async unregisterContentScripts(filter) {
      for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
    },
  };
  return { registry, scripts };
}

describe('page API presence', () => {
  it('is off by default and on exactly where the user chose', () => {
    const off = { mode: 'off' as const, sites: [] };
    expect(patternsFor(off)).toEqual([]);
    const chosen = withSite(off, 'http://127.0.0.1:8123/some/page?q=1', true);
    expect(chosen).toEqual({ mode: 'sites', sites: ['http://127.0.0.1:8123'] });
    expect(isPresent(chosen, 'http://127.0.0.1:8123')).toBe(true);
    expect(isPresent(chosen, 'http://127.0.0.1:9999')).toBe(false);
    expect(patternsFor(chosen)).toEqual(['http://127.0.0.1:8123/*']);
    // Firefox's match patterns take no port.
    expect(patternsFor(chosen, false)).toEqual(['http://127.0.0.1/*']);
    expect(patternsFor({ mode: 'all', sites: [] })).toEqual(['http://*/*', 'https://*/*']);
    expect(withSite(chosen, 'http://127.0.0.1:8123', false).sites).toEqual([]);
    expect(() => withSite(off, 'chrome://settings', true)).toThrow(/not a web page/);
    expect(siteOf('file:///tmp/a.html')).toBeUndefined();
  });

  it('registers the relay and the page API for the chosen sites, replaces them on change, and removes them when off', async () => {
    const { registry, scripts } = fakeRegistry();
    await applyPresence(registry, { mode: 'sites', sites: ['https://example.com'] });
    expect([...scripts.values()]).toEqual([
      expect.objectContaining({ id: 'switchyard-page-relay', js: ['page-relay.js'], world: 'ISOLATED', matches: ['https://example.com/*'], runAt: 'document_start' }),
      expect.objectContaining({ id: 'switchyard-page-api', js: ['page-api.js'], world: 'MAIN', matches: ['https://example.com/*'], runAt: 'document_start' }),
    ]);
    await applyPresence(registry, { mode: 'all', sites: ['https://example.com'] });
    expect(scripts.get('switchyard-page-api')!.matches).toEqual(['http://*/*', 'https://*/*']);
    await applyPresence(registry, { mode: 'off', sites: ['https://example.com'] });
    expect(scripts.size).toBe(0);
  });
});
