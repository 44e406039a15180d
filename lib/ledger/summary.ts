import type { DailyTotal, TotalDimension } from './db';
import { totalsBy } from './ledger';
import { addTo } from './totals';
import type { WorkerLedger } from './worker-db';

export type TotalsRow = Pick<DailyTotal, 'key' | 'requests' | 'errors' | 'fallbacks' | 'cost' | 'promptTokens' | 'completionTokens' | 'totalMs'> & { cacheSaved: number; webSearches: number; searchCost: number };

export interface DashboardSummary {
  from: string;
  to: string;
  overall: TotalsRow;
  byDay: TotalsRow[];
  byModel: TotalsRow[];
  byProvider: TotalsRow[];
  bySource: TotalsRow[];
}

const empty = (key: string): TotalsRow => ({ key, requests: 0, errors: 0, fallbacks: 0, cost: 0, promptTokens: 0, completionTokens: 0, totalMs: 0, cacheSaved: 0, webSearches: 0, searchCost: 0 });

function fold(rows: DailyTotal[], keyOf: (row: DailyTotal) => string): TotalsRow[] {
  const out = new Map<string, DailyTotal>();
  for (const row of rows) addTo(out, { ...row, key: keyOf(row) });
  return [...out.values()].map(({ key, requests, errors, fallbacks, cost, promptTokens, completionTokens, totalMs, cacheSaved, webSearches, searchCost }) => ({
    key,
    requests,
    errors,
    fallbacks,
    cost,
    promptTokens,
    completionTokens,
    totalMs,
    cacheSaved: cacheSaved ?? 0,
    webSearches: webSearches ?? 0,
    searchCost: searchCost ?? 0,
  }));
}

/**
 * The dashboard's numbers for a range of days, from the daily totals: a few rows per day and
 * dimension, however many requests there were.
 */
export async function dashboardSummary(db: WorkerLedger, from: string, to: string): Promise<DashboardSummary> {
  const read = (dimension: TotalDimension) => totalsBy(db, dimension, from, to);
  const [all, models, providers, sources] = await Promise.all([read('all'), read('model'), read('provider'), read('source')]);
  const byCost = (a: TotalsRow, b: TotalsRow) => b.cost - a.cost || b.requests - a.requests;
  return {
    from,
    to,
    overall: fold(all, () => 'all')[0] ?? empty('all'),
    byDay: fold(all, (r) => r.day).sort((a, b) => a.key.localeCompare(b.key)),
    byModel: fold(models, (r) => r.value).sort(byCost),
    byProvider: fold(providers, (r) => r.value).sort(byCost),
    bySource: fold(sources, (r) => r.value).sort(byCost),
  };
}
