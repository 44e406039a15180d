import type { UsageRecord } from '../gateway/record';
import type { IDBPTransaction } from 'idb';
import type { DailyTotal, RequestRow, TotalDimension } from './db';
import { dayOf } from './days';
import { addTo, totalsOf } from './totals';
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
    reasoningTokens: record.usage.reasoning,
    usageEstimated: record.usageEstimated,
    ttftMs: record.ttftMs,
    totalMs: record.totalMs,
    finishReason: record.finishReason,
    fellBack,
    attempts: record.attempts,
    ...(record.route ? { route: record.route } : {}),
    ...(record.error ? { error: record.error } : {}),
    ...(conversationId ? { conversationId } : {}),
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

type TotalsTx = IDBPTransaction<LedgerSchema, ('requests' | 'daily')[], 'readwrite'>;

async function addTotals(tx: TotalsTx, rows: RequestRow[]): Promise<void> {
  const merged = new Map<string, DailyTotal>();
  for (const row of rows) for (const increment of totalsOf(row)) addTo(merged, increment);
  const daily = tx.objectStore('daily');
  const stored = await Promise.all([...merged.keys()].map((key) => daily.get(key)));
  for (const total of stored) if (total) addTo(merged, total);
  await Promise.all([...merged.values()].map((total) => daily.put(total)));
}

/**
 * Ends a request: its final row and its daily totals in one transaction, so the two never
 * disagree. A row already ended is left as it is: one row, counted once, per request.
 */
export async function recordRequest(db: WorkerLedger, record: UsageRecord, conversationId?: string): Promise<RequestRow> {
  const row = toRow(record, conversationId);
  const tx = db.transaction(['requests', 'daily'], 'readwrite');
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
  const tx = db.transaction(['requests', 'daily'], 'readwrite');
  const requests = tx.objectStore('requests');
  const running = await requests.index('status').getAll('in_progress');
  const settled = running.map(({ hold: _hold, ...row }): RequestRow => {
    const totalMs = Math.max(row.totalMs, (row.updatedAt ?? row.startedAt) - row.startedAt);
    return { ...row, status: 'interrupted', usageEstimated: true, totalMs, error: { status: 499, code: 'interrupted', message: INTERRUPTED_MESSAGE } };
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
  const tx = db.transaction(['requests', 'daily'], 'readwrite');
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

/** A page of requests, newest first, read through the time index (never every row). */
export async function listRequests(db: WorkerLedger, filter: RequestFilter = {}, page = 0, pageSize = 50): Promise<{ rows: RequestRow[]; hasMore: boolean }> {
  const matches = (row: RequestRow) =>
    (!filter.provider || row.provider === filter.provider) &&
    (!filter.model || row.model === filter.model) &&
    (!filter.source || row.source === filter.source) &&
    (!filter.status || row.status === filter.status);
  const from = filter.from ?? 0;
  const to = filter.to ?? Number.MAX_SAFE_INTEGER;
  const wanted = (page + 1) * pageSize + 1;
  const found: RequestRow[] = [];
  // With a filter, its own time index, the likeliest to be rare first: failures are few, a model is
  // one of many. The rows are read in time windows, newest first, each in one round trip; a window
  // grows fourfold while it finds too little, so a rare match is reached in a few reads.
  const field = filter.status && filter.status !== 'ok' ? 'status' : (['model', 'provider', 'source', 'status'] as const).find((f) => filter[f]);
  const store = db.transaction('requests').store;
  if (!field) {
    // Unfiltered, every row is a match: the newest are read one by one, no more than the page needs.
    for await (const cursor of store.index('startedAt').iterate(IDBKeyRange.bound(from, to), 'prev')) {
      found.push(cursor.value);
      if (found.length >= wanted) break;
    }
  }
  const index = store.index(`[${field ?? 'status'}+startedAt]`);
  const value = field ? filter[field]! : '';
  const read = (lower: number, upper: number) => index.getAll(IDBKeyRange.bound([value, lower], [value, upper]));
  const newest = Math.min(to, Date.now() + 86_400_000);
  let upper = to;
  let span = 3_600_000;
  while (field && found.length < wanted && upper >= from) {
    const lower = Math.max(from, (upper === to ? newest : upper) - span);
    const rows = await read(lower, upper);
    for (let i = rows.length - 1; i >= 0; i--) if (matches(rows[i]!)) found.push(rows[i]!);
    if (lower === from) break;
    upper = lower - 1;
    // Few rows in the window: look further back at once next time.
    if (rows.length < wanted) span *= 4;
  }
  const rows = found.slice(page * pageSize, page * pageSize + pageSize + 1);
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
