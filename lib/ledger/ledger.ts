import type { UsageRecord } from '../gateway/record';
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import type { DailyTotal, RequestRow, TotalDimension } from './db';
import { dayOf } from './days';
import { addTo, totalsOf } from './totals';
import { addSignal, signalsOf, type SignalTotal } from './signals';
import type { LedgerSchema, WorkerLedger } from './worker-db';

export function toRow(record: UsageRecord, conversationId?: string): RequestRow {
  const answered = record.attempts.findIndex((a) => a.status === 'ok');
  const fellBack = answered > 0 || (answered < 0 && record.attempts.length > 1);
  return {
    id: record.id,
    startedAt: record.startedAt,
    day: dayOf(record.startedAt),
    source: record.source,
    stream: record.stream,
    requestedModel: record.requestedModel,
    model: record.model,
    provider: record.provider,
    status: record.status,
    cost: record.cost,
    priced: record.priced,
    promptTokens: record.usage.prompt,
    completionTokens: record.usage.completion,
    cachedTokens: record.usage.cached,
    cacheWriteTokens: record.usage.cacheWrite,
    cacheSaved: record.cacheSaved,
    ...(record.usage.searches ? { webSearches: record.usage.searches, searchCost: record.searchCost ?? 0 } : {}),
    reasoningTokens: record.usage.reasoning,
    usageEstimated: record.usageEstimated,
    ttftMs: record.ttftMs,
    totalMs: record.totalMs,
    finishReason: record.finishReason,
    fellBack,
    attempts: record.attempts,
    ...(record.route ? { route: record.route } : {}),
    ...(record.error ? { error: record.error } : {}),
    ...(record.endpoint ? { endpoint: record.endpoint } : {}),
    ...(conversationId ? { conversationId } : {}),
    ...(record.site ? { site: record.site } : {}),
    signalled: true,
  };
}

/**
 * Writes a request's row before it is sent (status 'in_progress', with its budget hold). It
 * counts in no total yet: the row that ends it does.
 */
export async function beginRequest(db: WorkerLedger, record: UsageRecord, hold: number, now = Date.now()): Promise<void> {
  await db.add('requests', { ...toRow(record), status: 'in_progress', hold, updatedAt: now });
}

/** Keeps a running request's row up to date (tokens and cost so far), while it is still in progress. */
export async function progressRequest(db: WorkerLedger, record: UsageRecord, now = Date.now()): Promise<void> {
  const tx = db.transaction('requests', 'readwrite');
  const row = await tx.store.get(record.id);
  if (row?.status === 'in_progress') await tx.store.put({ ...toRow(record), status: 'in_progress', hold: row.hold, updatedAt: now });
  await tx.done;
}

type TotalsTx = IDBPTransaction<LedgerSchema, ('requests' | 'daily' | 'signals')[], 'readwrite'>;

export interface KeptTotals<T extends { key: string }> {
  get(key: string): Promise<T | undefined>;
  put(total: T): Promise<unknown>;
}

/** Adds increments to the totals kept under their keys: each key read once and written once. */
export async function addToKept<T extends { key: string }>(kept: KeptTotals<T>, increments: Iterable<T>, add: (totals: Map<string, T>, increment: T) => void): Promise<void> {
  const merged = new Map<string, T>();
  for (const increment of increments) add(merged, increment);
  const stored = await Promise.all([...merged.keys()].map((key) => kept.get(key)));
  for (const total of stored) if (total) add(merged, total);
  await Promise.all([...merged.values()].map((total) => kept.put(total)));
}

/** A request's share of the daily totals (spend, budgets) and of the signals (latency, errors). */
async function addTotals(tx: TotalsTx, rows: RequestRow[]): Promise<void> {
  const daily = tx.objectStore('daily');
  const signals = tx.objectStore('signals');
  await Promise.all([
    addToKept<DailyTotal>({ get: (key) => daily.get(key), put: (total) => daily.put(total) }, rows.flatMap(totalsOf), addTo),
    addToKept<SignalTotal>({ get: (key) => signals.get(key), put: (total) => signals.put(total) }, rows.flatMap(signalsOf), addSignal),
  ]);
}

/**
 * Ends a request: its final row and its daily totals in one transaction, so the two never
 * disagree. A row already ended is left as it is: one row, counted once, per request.
 */
export async function recordRequest(db: WorkerLedger, record: UsageRecord, conversationId?: string): Promise<RequestRow> {
  const row = toRow(record, conversationId);
  const tx = db.transaction(['requests', 'daily', 'signals'], 'readwrite');
  const existing = await tx.objectStore('requests').get(row.id);
  if (!existing || existing.status === 'in_progress') {
    await tx.objectStore('requests').put(row);
    await addTotals(tx, [row]);
  }
  await tx.done;
  return row;
}

export const INTERRUPTED_MESSAGE =
  'The browser stopped Switchyard’s background while this request ran (idle, time limit, shutdown or update). Tokens and cost are estimated from what had streamed.';

/**
 * Settles the rows of requests that never ended: the worker that ran them was stopped. Each
 * becomes 'interrupted' with the tokens and cost known at its last progress, and counts in the
 * totals (and so in the budgets) from then on. Run when the worker starts, before any request.
 */
export async function settleInterrupted(db: WorkerLedger): Promise<RequestRow[]> {
  const tx = db.transaction(['requests', 'daily', 'signals'], 'readwrite');
  const requests = tx.objectStore('requests');
  const running = await requests.index('status').getAll('in_progress');
  const settled = running.map(({ hold: _hold, ...row }): RequestRow => {
    const totalMs = Math.max(row.totalMs, (row.updatedAt ?? row.startedAt) - row.startedAt);
    return { ...row, status: 'interrupted', usageEstimated: true, totalMs, error: { status: 499, code: 'interrupted', message: INTERRUPTED_MESSAGE }, signalled: true };
  });
  if (settled.length) {
    await Promise.all(settled.map((row) => requests.put(row)));
    await addTotals(tx, settled);
  }
  await tx.done;
  return settled;
}

/** Writes many requests and their totals in one transaction (imports, and seeding large ledgers for benchmarks). */
export async function recordRequests(db: WorkerLedger, records: UsageRecord[]): Promise<number> {
  const rows = records.map((r) => toRow(r));
  const tx = db.transaction(['requests', 'daily', 'signals'], 'readwrite');
  const requests = tx.objectStore('requests');
  const existing = new Set((await Promise.all(rows.map((r) => requests.getKey(r.id)))).filter((key) => key !== undefined));
  const fresh = rows.filter((r) => !existing.has(r.id));
  await Promise.all(fresh.map((row) => requests.add(row)));
  await addTotals(tx, fresh);
  await tx.done;
  return rows.length;
}

/** Totals per value of a dimension over a range of days, e.g. spend by model this month. */
export function totalsBy(db: WorkerLedger, dimension: TotalDimension, from: string, to: string): Promise<DailyTotal[]> {
  return db.getAllFromIndex('daily', '[dimension+day]', IDBKeyRange.bound([dimension, from], [dimension, to]));
}

/** Spend in USD over a range of days (inclusive), overall or for one provider. */
export async function spentBetween(db: WorkerLedger, from: string, to: string, provider?: string): Promise<number> {
  const rows = await totalsBy(db, provider ? 'provider' : 'all', from, to);
  const sum = rows.filter((r) => !provider || r.value === provider).reduce((total, r) => total + r.cost, 0);
  return Math.round(sum * 1e8) / 1e8;
}

export interface RequestFilter {
  from?: number;
  to?: number;
  provider?: string;
  model?: string;
  source?: string;
  status?: string;
}

/** A page of requests, newest first, read through the time indexes (never every row). */
export async function listRequests(db: WorkerLedger, filter: RequestFilter = {}, page = 0, pageSize = 50): Promise<{ rows: RequestRow[]; hasMore: boolean }> {
  const from = filter.from ?? 0;
  const to = filter.to ?? Number.MAX_SAFE_INTEGER;
  const wanted = (page + 1) * pageSize + 1;
  const store = db.transaction('requests').store;
  const found: RequestRow[] = [];
  const scan = indexFor(filter);
  if (!scan) {
    // Unfiltered, every row is a match: the newest are read one by one, no more than the page needs.
    for await (const cursor of store.index('startedAt').iterate(IDBKeyRange.bound(from, to), 'prev')) {
      found.push(cursor.value);
      if (found.length >= wanted) break;
    }
  } else {
    found.push(...(await matchingRows(store, filter, scan, from, to, wanted)));
  }
  const rows = found.slice(page * pageSize, page * pageSize + pageSize + 1);
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

type RequestStore = IDBPObjectStore<LedgerSchema, ['requests'], 'requests', 'readonly'>;
type FilterField = 'status' | 'model' | 'provider' | 'source';
type TimeIndex = Exclude<Parameters<RequestStore['index']>[0], 'startedAt' | 'day' | FilterField>;

/** The index whose rows are the fewest for a filter: a status with the likeliest rarest other field, else the rarest field alone. */
function indexFor(filter: RequestFilter): { name: TimeIndex; prefix: string[] } | undefined {
  const other = (['model', 'provider', 'source'] as const).find((f) => filter[f]);
  if (filter.status && other) return { name: `[${other}+status+startedAt]`, prefix: [filter[other]!, filter.status] };
  if (filter.status && filter.status !== 'ok') return { name: '[status+startedAt]', prefix: [filter.status] };
  const field = other ?? (filter.status ? 'status' : undefined);
  return field ? { name: `[${field}+startedAt]`, prefix: [filter[field]!] } : undefined;
}

/**
 * The requests matching a filter, newest first, at least `wanted` of them when there are so many,
 * read from the filter's index in time windows, one round trip each. The first window ends at the
 * newest candidate; each next one is sized from the matches found so far per hour, so a dense
 * ledger reads little more than the page needs and a rare match far back is reached in a few reads.
 */
async function matchingRows(store: RequestStore, filter: RequestFilter, scan: { name: TimeIndex; prefix: string[] }, from: number, to: number, wanted: number): Promise<RequestRow[]> {
  const matches = (row: RequestRow) =>
    (!filter.provider || row.provider === filter.provider) &&
    (!filter.model || row.model === filter.model) &&
    (!filter.source || row.source === filter.source) &&
    (!filter.status || row.status === filter.status);
  const index = store.index(scan.name);
  const range = (lower: number, upper: number) => IDBKeyRange.bound([...scan.prefix, lower], [...scan.prefix, upper]);
  const newest = await index.openKeyCursor(range(from, to), 'prev');
  if (!newest) return [];
  const found: RequestRow[] = [];
  let upper = (newest.key as unknown[]).at(-1) as number;
  let span = 3_600_000;
  let searched = 0;
  while (found.length < wanted && upper >= from) {
    const lower = Math.max(from, upper - span);
    const rows = await index.getAll(range(lower, upper));
    for (let i = rows.length - 1; i >= 0; i--) if (matches(rows[i]!)) found.push(rows[i]!);
    if (lower === from) break;
    searched += upper - lower + 1;
    upper = lower - 1;
    const perMs = found.length / searched;
    // Time enough for what is still missing at the rate seen so far (and a quarter more), within 1–16 times the last span.
    span = perMs > 0 ? Math.min(span * 16, Math.max(span, ((wanted - found.length) / perMs) * 1.25)) : span * 4;
  }
  return found;
}
