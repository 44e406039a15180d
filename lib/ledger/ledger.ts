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

/** Writes one request and its daily totals in one transaction: the row and the totals never disagree. */
export async function recordRequest(db: LedgerDb, record: UsageRecord, conversationId?: string): Promise<RequestRow> {
  const row = toRow(record, conversationId);
  await db.transaction('rw', db.requests, db.daily, async () => {
    if (await db.requests.get(row.id)) return;
    await db.requests.add(row);
    const increments = totalsOf(row);
    const existing = await db.daily.bulkGet(increments.map((t) => t.key));
    const merged = new Map<string, DailyTotal>();
    existing.forEach((total) => total && merged.set(total.key, total));
    for (const increment of increments) addTo(merged, increment);
    await db.daily.bulkPut([...merged.values()]);
  });
  return row;
}

/** Writes many requests and their totals in one transaction (imports, and seeding large ledgers for benchmarks). */
export async function recordRequests(db: LedgerDb, records: UsageRecord[]): Promise<number> {
  const rows = records.map((r) => toRow(r));
  await db.transaction('rw', db.requests, db.daily, async () => {
    const existing = new Set((await db.requests.bulkGet(rows.map((r) => r.id))).filter(Boolean).map((r) => r!.id));
    const fresh = rows.filter((r) => !existing.has(r.id));
    await db.requests.bulkAdd(fresh);
    const merged = new Map<string, DailyTotal>();
    for (const row of fresh) for (const increment of totalsOf(row)) addTo(merged, increment);
    const stored = await db.daily.bulkGet([...merged.keys()]);
    for (const total of stored) if (total) addTo(merged, total);
    await db.daily.bulkPut([...merged.values()]);
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
