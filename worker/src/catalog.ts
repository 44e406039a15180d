import { createCatalog, type Catalog } from '../../lib/catalog/catalog';
import { rebaseRefreshed } from '../../lib/catalog/rebase';
import { CatalogSnapshot } from '../../lib/catalog/schema';
import { BUNDLED_CATALOG } from '../../lib/catalog/snapshot';
import { BUNDLED_CATALOG_ID } from '../../lib/catalog/source-date';
import { refreshCatalog, type RefreshReport } from '../../lib/gateway/refresh-catalog';
import type { ProviderConfig } from '../../lib/gateway/providers/types';
import type { D1Database } from './env';

/** How long an isolate keeps the catalog it read before looking for a newer refresh in D1. */
export const CATALOG_TTL_MS = 5 * 60_000;

let cached: { catalog: Catalog; readAt: number } | undefined;

/** The refreshed catalog saved in D1, carried onto this deploy's bundle if it was built on another; else the bundled one. */
async function savedSnapshot(db: D1Database): Promise<CatalogSnapshot> {
  const row = await db.prepare('SELECT base, json FROM catalog WHERE id = 1').first<{ base: string; json: string }>();
  if (!row) return BUNDLED_CATALOG;
  let parsed: ReturnType<typeof CatalogSnapshot.safeParse>;
  try {
    parsed = CatalogSnapshot.safeParse(JSON.parse(row.json));
  } catch {
    return BUNDLED_CATALOG;
  }
  if (!parsed.success) return BUNDLED_CATALOG;
  return row.base === BUNDLED_CATALOG_ID ? parsed.data : rebaseRefreshed(parsed.data, BUNDLED_CATALOG);
}

/** The team's catalog for this isolate: read from D1 at most every CATALOG_TTL_MS. */
export async function teamCatalog(db: D1Database, now = Date.now()): Promise<Catalog> {
  if (cached && now - cached.readAt < CATALOG_TTL_MS) return cached.catalog;
  cached = { catalog: createCatalog(await savedSnapshot(db)), readAt: now };
  return cached.catalog;
}

/**
 * Refreshes the team's catalog from OpenRouter's model list and each provider's own (daily, by
 * the Worker's cron trigger, or when the admin asks) and saves it in D1; a source that fails
 * leaves what it had.
 */
export async function refreshTeamCatalog(
  db: D1Database,
  options: { providers: ProviderConfig[]; config: { openRouterUrl?: string }; fetch?: typeof fetch },
  now = Date.now(),
): Promise<Pick<RefreshReport, 'sources'> & { sourceDate: string; models: number }> {
  const current = await savedSnapshot(db);
  const report = await refreshCatalog(current, {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    providers: options.providers,
    ...(options.config.openRouterUrl ? { openRouterUrl: options.config.openRouterUrl } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const snapshot = CatalogSnapshot.parse(report.snapshot);
  await db
    .prepare('INSERT INTO catalog (id, base, json, refreshed_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET base = excluded.base, json = excluded.json, refreshed_at = excluded.refreshed_at')
    .bind(BUNDLED_CATALOG_ID, JSON.stringify(snapshot), now)
    .run();
  cached = { catalog: createCatalog(snapshot), readAt: now };
  return { sourceDate: snapshot.sourceDate, models: snapshot.models.length, sources: report.sources };
}
