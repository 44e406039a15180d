import type { UsageRecord } from '../gateway/record';
import { addTo, totalsOf, type DailyTotal, type LedgerDb, type RequestRow, type TotalDimension } from './db';
import { dayOf } from './days';

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
export async function beginRequest(db: LedgerDb, record: UsageRecord, hold: number, now = Date.now()): Promise<void> {
  await db.requests.add({ ...toRow(record), status: 'in_progress', hold, updatedAt: now });
}

/** Keeps a running request's row up to date (tokens and cost so far), while it is still in progress. */
export async function progressRequest(db: LedgerDb, record: UsageRecord, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    const row = await db.requests.get(record.id);
    if (row?.status !== 'in_progress') return;
    await db.requests.put({ ...toRow(record), status: 'in_progress', hold: row.hold, updatedAt: now });
  });
}

async function addTotals(db: LedgerDb, rows: RequestRow[]): Promise<void> {
  const merged = new Map<string, DailyTotal>();
  for (const row of rows) for (const increment of totalsOf(row)) addTo(merged, increment);
  const stored = await db.daily.bulkGet([...merged.keys()]);
  for (const total of stored) if (total) addTo(merged, total);
  await db.daily.bulkPut([...merged.values()]);
}

/**
 * Ends a request: its final row and its daily totals in one transaction, so the two never
 * disagree. A row already ended is left as it is: one row, counted once, per request.
 */
export async function recordRequest(db: LedgerDb, record: UsageRecord, conversationId?: string): Promise<RequestRow> {
  const row = toRow(record, conversationId);
  await db.transaction('rw', db.requests, db.daily, async () => {
    const existing = await db.requests.get(row.id);
    if (existing && existing.status !== 'in_progress') return;
    await db.requests.put(row);
    await addTotals(db, [row]);
  });
  return row;
}

export const INTERRUPTED_MESSAGE =
  'The browser stopped Switchyard’s background while this request ran (idle, time limit, shutdown or update). Tokens and cost are estimated from what had streamed.';

/**
 * Settles the rows of requests that never ended: the worker that ran them was stopped. Each
 * becomes 'interrupted' with the tokens and cost known at its last progress, and counts in the
 * totals (and so in the budgets) from then on. Run when the worker starts, before any request.
 */
export async function settleInterrupted(db: LedgerDb): Promise<RequestRow[]> {
  return db.transaction('rw', db.requests, db.daily, async () => {
    const running = await db.requests.where('status').equals('in_progress').toArray();
    if (running.length === 0) return [];
    const settled = running.map(({ hold: _hold, ...row }): RequestRow => {
      const totalMs = Math.max(row.totalMs, (row.updatedAt ?? row.startedAt) - row.startedAt);
      return { ...row, status: 'interrupted', usageEstimated: true, totalMs, error: { status: 499, code: 'interrupted', message: INTERRUPTED_MESSAGE } };
    });
    await db.requests.bulkPut(settled);
    await addTotals(db, settled);
    return settled;
  });
}

/** Writes many requests and their totals in one transaction (imports, and seeding large ledgers for benchmarks). */
export async function recordRequests(db: LedgerDb, records: UsageRecord[]): Promise<number> {
  const rows = records.map((r) => toRow(r));
  await db.transaction('rw', db.requests, db.daily, async () => {
    const existing = new Set((await db.requests.bulkGet(rows.map((r) => r.id))).filter(Boolean).map((r) => r!.id));
    const fresh = rows.filter((r) => !existing.has(r.id));
    await db.requests.bulkAdd(fresh);
    await addTotals(db, fresh);
  });
  return rows.length;
}

/** Spend in USD over a range of days (inclusive), overall or for one provider. */
export async function spentBetween(db: LedgerDb, from: string, to: string, provider?: string): Promise<number> {
  const dimension: TotalDimension = provider ? 'provider' : 'all';
  const rows = await db.daily.where('[dimension+day]').between([dimension, from], [dimension, to], true, true).toArray();
  const sum = rows.filter((r) => !provider || r.value === provider).reduce((total, r) => total + r.cost, 0);
  return Math.round(sum * 1e8) / 1e8;
}

/** Totals per value of a dimension over a range of days, e.g. spend by model this month. */
export async function totalsBy(db: LedgerDb, dimension: TotalDimension, from: string, to: string): Promise<DailyTotal[]> {
  return db.daily.where('[dimension+day]').between([dimension, from], [dimension, to], true, true).toArray();
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
export async function listRequests(db: LedgerDb, filter: RequestFilter = {}, page = 0, pageSize = 50): Promise<{ rows: RequestRow[]; hasMore: boolean }> {
  const collection = db.requests
    .where('startedAt')
    .between(filter.from ?? 0, filter.to ?? Number.MAX_SAFE_INTEGER, true, true)
    .reverse()
    .filter(
      (row) =>
        (!filter.provider || row.provider === filter.provider) &&
        (!filter.model || row.model === filter.model) &&
        (!filter.source || row.source === filter.source) &&
        (!filter.status || row.status === filter.status),
    );
  const rows = await collection.offset(page * pageSize).limit(pageSize + 1).toArray();
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
