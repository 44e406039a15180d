import * as z from 'zod/mini';

/**
 * Where `window.switchyard` exists. Off by default: a page API on every page would tell every
 * site that its visitor runs Switchyard. The user turns it on for chosen sites or for all.
 */
export const PagePresence = z.lazy(() =>
  z.object({
    mode: z.enum(['off', 'sites', 'all']),
    /** Origins (scheme, host and port) for mode 'sites'. */
    sites: z.array(z.string().check(z.regex(/^https?:\/\/[^/?#\s]+$/, 'sites are origins such as https://example.com'))).check(z.maxLength(500)),
  }),
);
export type PagePresence = z.infer<typeof PagePresence>;

export const DEFAULT_PRESENCE: PagePresence = { mode: 'off', sites: [] };
export const PRESENCE_KEY = 'pageApiPresence';

export const PAGE_SCRIPT_IDS = { relay: 'switchyard-page-relay', api: 'switchyard-page-api' } as const;
export const PAGE_SCRIPT_FILES = { relay: 'page-relay.js', api: 'page-api.js' } as const;
export const ALL_SITES = ['http://*/*', 'https://*/*'];

/** The origin of a URL when the page API can run there (http and https pages), else undefined. */
export function siteOf(url: string | undefined): string | undefined {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** A match pattern for one origin. Firefox's patterns take no port, Chrome's do. */
export function originPattern(origin: string, withPort = true): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}${withPort && url.port ? `:${url.port}` : ''}/*`;
}

/** The host permissions the page API needs for a presence setting. */
export function patternsFor(presence: PagePresence, withPort = true): string[] {
  if (presence.mode === 'all') return ALL_SITES;
  if (presence.mode === 'off') return [];
  return [...new Set(presence.sites.map((site) => originPattern(site, withPort)))];
}

/** Adds or removes one site, normalised to its origin. */
export function withSite(presence: PagePresence, site: string, on: boolean): PagePresence {
  const origin = siteOf(site);
  if (!origin) throw new Error(`${site} is not a web page address (http or https).`);
  const sites = presence.sites.filter((s) => s !== origin);
  if (on) sites.push(origin);
  return { mode: on && presence.mode === 'off' ? 'sites' : presence.mode, sites };
}

/** Whether the page API is on for an origin. */
export function isPresent(presence: PagePresence, origin: string): boolean {
  return presence.mode === 'all' || (presence.mode === 'sites' && presence.sites.includes(origin));
}

export interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  world?: 'ISOLATED' | 'MAIN';
  persistAcrossSessions?: boolean;
}

/** The part of `browser.scripting` that registers content scripts at run time. */
export interface ScriptRegistry {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

/**
 * Registers the page API's two scripts (the relay in the extension's isolated world, the API
 * in the page's own) for exactly the sites of the setting, or removes them.
 */
export async function applyPresence(registry: ScriptRegistry, presence: PagePresence, withPort = true): Promise<string[]> {
  const ids = Object.values(PAGE_SCRIPT_IDS);
  const existing = (await registry.getRegisteredContentScripts({ ids })).map((s) => s.id);
  if (existing.length > 0) await registry.unregisterContentScripts({ ids: existing });
  const matches = patternsFor(presence, withPort);
  if (matches.length === 0) return [];
  const common = { matches, runAt: 'document_start' as const, persistAcrossSessions: true };
  await registry.registerContentScripts([
    { id: PAGE_SCRIPT_IDS.relay, js: [PAGE_SCRIPT_FILES.relay], world: 'ISOLATED', ...common },
    { id: PAGE_SCRIPT_IDS.api, js: [PAGE_SCRIPT_FILES.api], world: 'MAIN', ...common },
  ]);
  return matches;
}
