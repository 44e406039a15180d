import { dayOf } from './days';
import { percentileOf } from './latency-histogram';
import { signalsBackfill } from './signals-backfill';
import { addSignal, emptySignalTotal, ERROR_KINDS, type ErrorKind, type SignalDimension, type SignalTotal } from './signals';
import type { WorkerLedger } from './worker-db';

/** One model's or provider's signals over a period. */
export interface Signal {
  key: string;
  attempts: number;
  answered: number;
  ttftP50: number | null;
  ttftP95: number | null;
  totalP50: number | null;
  totalP95: number | null;
  /** Output tokens per second while streaming, over every streamed answer of the period. */
  tokensPerSecond: number | null;
  /** Failed attempts (and filtered answers) over attempts. */
  errorRate: number | null;
  errors: Record<ErrorKind, number>;
  /** Failed attempts another candidate covered, over attempts. */
  fallbackRate: number | null;
  /** Answers read from the prompt cache, over answers. */
  cacheHitRate: number | null;
}

/** A model whose last seven days depart from the four weeks before them. */
export interface SignalChange {
  model: string;
  measure: 'ttftP95' | 'totalP95' | 'errorRate';
  thisWeek: number;
  before: number;
}

export interface SignalsSummary {
  from: string;
  to: string;
  overall: Signal;
  byModel: Signal[];
  byProvider: Signal[];
  changes: SignalChange[];
  /** Requests from before the signals were kept are still being counted (the numbers will grow). */
  counting: boolean;
}

const rate = (part: number, whole: number) => (whole ? part / whole : null);

export function signalOf(total: SignalTotal): Signal {
  const errors = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, total.errors[kind] ?? 0])) as Record<ErrorKind, number>;
  const failed = ERROR_KINDS.reduce((sum, kind) => sum + errors[kind], 0);
  return {
    key: total.value,
    attempts: total.attempts,
    answered: total.answered,
    ttftP50: percentileOf(total.ttft, 50),
    ttftP95: percentileOf(total.ttft, 95),
    totalP50: percentileOf(total.total, 50),
    totalP95: percentileOf(total.total, 95),
    tokensPerSecond: total.outputMs > 0 ? total.outputTokens / (total.outputMs / 1000) : null,
    errorRate: rate(failed, total.attempts),
    errors,
    fallbackRate: rate(total.coveredByFallback, total.attempts),
    cacheHitRate: rate(total.cacheHits, total.answered),
  };
}

/** The days' totals of one dimension added up per value. */
function fold(rows: SignalTotal[]): Map<string, SignalTotal> {
  const out = new Map<string, SignalTotal>();
  for (const row of rows) addSignal(out, { ...row, key: row.value });
  return out;
}

function read(db: WorkerLedger, dimension: SignalDimension, from: string, to: string): Promise<SignalTotal[]> {
  return db.getAllFromIndex('signals', '[dimension+day]', IDBKeyRange.bound([dimension, from], [dimension, to]));
}

/** Enough requests on both sides for a change to mean something. */
const MIN_ATTEMPTS = 20;

/**
 * Models whose p95 times grew by half (and by at least 200 ms), or whose error rate doubled (and
 * grew by at least five points), in the last seven days against the 28 before them.
 */
export function changesOf(thisWeek: Map<string, SignalTotal>, before: Map<string, SignalTotal>): SignalChange[] {
  const changes: SignalChange[] = [];
  for (const [model, now] of thisWeek) {
    const then = before.get(model);
    if (!then || now.attempts < MIN_ATTEMPTS || then.attempts < MIN_ATTEMPTS) continue;
    const [a, b] = [signalOf(now), signalOf(then)];
    for (const measure of ['ttftP95', 'totalP95'] as const) {
      const [x, y] = [a[measure], b[measure]];
      if (x !== null && y !== null && x > y * 1.5 && x - y >= 200) changes.push({ model, measure, thisWeek: x, before: y });
    }
    const [x, y] = [a.errorRate ?? 0, b.errorRate ?? 0];
    if (x > y * 2 && x - y >= 0.05) changes.push({ model, measure: 'errorRate', thisWeek: x, before: y });
  }
  return changes;
}

const signalsOrder = (a: Signal, b: Signal) => b.attempts - a.attempts || a.key.localeCompare(b.key);

/** Latency, throughput and error signals per model and provider for a range of days, and what changed this week. */
export async function signalsSummary(db: WorkerLedger, from: string, to: string, now = Date.now()): Promise<SignalsSummary> {
  const weekStart = dayOf(now - 6 * 86_400_000);
  const monthStart = dayOf(now - 34 * 86_400_000);
  const beforeEnd = dayOf(now - 7 * 86_400_000);
  const [all, models, providers, recent, backfill] = await Promise.all([
    read(db, 'all', from, to),
    read(db, 'model', from, to),
    read(db, 'provider', from, to),
    read(db, 'model', monthStart, dayOf(now)),
    signalsBackfill(db),
  ]);
  return {
    from,
    to,
    overall: signalOf(fold(all).get('*') ?? emptySignalTotal(from, 'all', '*')),
    byModel: [...fold(models).values()].map(signalOf).sort(signalsOrder),
    byProvider: [...fold(providers).values()].map(signalOf).sort(signalsOrder),
    changes: changesOf(fold(recent.filter((r) => r.day >= weekStart)), fold(recent.filter((r) => r.day <= beforeEnd))),
    counting: backfill !== undefined && !backfill.done,
  };
}
