import type { DailyTotal, RequestRow, TotalDimension } from './db';

/** The daily-total increments one request contributes. */
export function totalsOf(row: RequestRow): DailyTotal[] {
  const dims: [TotalDimension, string][] = [
    ['all', '*'],
    ['provider', row.provider ?? '(none)'],
    ['model', row.model ?? row.requestedModel ?? '(none)'],
    ['source', row.source],
  ];
  return dims.map(([dimension, value]) => ({
    key: `${row.day}|${dimension}|${value}`,
    day: row.day,
    dimension,
    value,
    requests: 1,
    errors: row.status === 'ok' ? 0 : 1,
    fallbacks: row.fellBack ? 1 : 0,
    cost: row.cost,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    totalMs: row.totalMs,
    cacheSaved: row.cacheSaved ?? 0,
    webSearches: row.webSearches ?? 0,
    searchCost: row.searchCost ?? 0,
  }));
}

export function addTo(totals: Map<string, DailyTotal>, add: DailyTotal): void {
  const current = totals.get(add.key);
  if (!current) {
    totals.set(add.key, { ...add });
    return;
  }
  current.requests += add.requests;
  current.errors += add.errors;
  current.fallbacks += add.fallbacks;
  current.cost = Math.round((current.cost + add.cost) * 1e8) / 1e8;
  current.promptTokens += add.promptTokens;
  current.completionTokens += add.completionTokens;
  current.totalMs += add.totalMs;
  current.cacheSaved = Math.round(((current.cacheSaved ?? 0) + (add.cacheSaved ?? 0)) * 1e8) / 1e8;
  current.webSearches = (current.webSearches ?? 0) + (add.webSearches ?? 0);
  current.searchCost = Math.round(((current.searchCost ?? 0) + (add.searchCost ?? 0)) * 1e8) / 1e8;
}

/** The daily totals of existing requests, as the v2 upgrade writes them. */
export function dailyTotalsOf(rows: Iterable<RequestRow>): DailyTotal[] {
  const totals = new Map<string, DailyTotal>();
  for (const row of rows) for (const total of totalsOf(row)) addTo(totals, total);
  return [...totals.values()];
}
