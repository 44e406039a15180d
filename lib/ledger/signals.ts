import type { AttemptRecord } from '../gateway/record';
import type { RequestRow } from './db';
import { merge, record, type Histogram } from './latency-histogram';

/** Why an attempt failed, as the signals count it. */
export const ERROR_KINDS = ['rate_limit', 'overloaded', 'timeout', 'refused_key', 'content_filter', 'cut_off', 'other'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export type SignalDimension = 'all' | 'provider' | 'model';

/**
 * What one day's attempts at one model or provider say about its speed and reliability: counts
 * and latency histograms, so that any period's signals are the sum of its days.
 */
export interface SignalTotal {
  key: string;
  day: string;
  dimension: SignalDimension;
  value: string;
  /** Attempts sent (passed-over candidates and the caller's aborts are not counted). */
  attempts: number;
  /** Attempts that answered. */
  answered: number;
  /** Failed attempts (and answers stopped by a content filter), by kind. */
  errors: Partial<Record<ErrorKind, number>>;
  /** Failed attempts after which another candidate answered the request. */
  coveredByFallback: number;
  /** Answers read from the provider's prompt cache. */
  cacheHits: number;
  /** Answered attempts' time to first token and total time, from the attempt's own start (ms). */
  ttft: Histogram;
  total: Histogram;
  /** Output tokens of streamed answers, and the time they took to stream (tokens per second). */
  outputTokens: number;
  outputMs: number;
}

/** The kind of a failed attempt, from its status and code. */
export function errorKindOf(attempt: Pick<AttemptRecord, 'httpStatus' | 'code'>): ErrorKind {
  const code = attempt.code ?? '';
  const status = attempt.httpStatus;
  if (status === 429 || code === 'rate_limited') return 'rate_limit';
  if (code === 'provider_overloaded' || status === 503 || status === 529) return 'overloaded';
  if (code === 'timeout' || code === 'provider_timeout' || status === 504 || status === 408) return 'timeout';
  if (code === 'invalid_api_key' || code === 'permission_denied' || code === 'provider_quota' || status === 401 || status === 402 || status === 403) return 'refused_key';
  if (code.includes('content_filter') || code.includes('safety')) return 'content_filter';
  if (code === 'stream_truncated' || code === 'connection_lost') return 'cut_off';
  return 'other';
}

export function emptySignalTotal(day: string, dimension: SignalDimension, value: string): SignalTotal {
  return {
    key: `${day}|${dimension}|${value}`,
    day,
    dimension,
    value,
    attempts: 0,
    answered: 0,
    errors: {},
    coveredByFallback: 0,
    cacheHits: 0,
    ttft: {},
    total: {},
    outputTokens: 0,
    outputMs: 0,
  };
}

/** The signal increments one finished request contributes: one per attempt, for its model, its provider and overall. */
export function signalsOf(row: RequestRow): SignalTotal[] {
  if (row.status === 'in_progress') return [];
  const out = new Map<string, SignalTotal>();
  const sent = row.attempts.filter((a) => a.status === 'ok' || a.status === 'error');
  const answeredAt = sent.findIndex((a) => a.status === 'ok');
  for (const [index, attempt] of sent.entries()) {
    const modelId = attempt.modelId ?? (attempt.status === 'ok' && row.model ? row.model : `${attempt.provider}/${attempt.model}`);
    const totals = (['all', 'provider', 'model'] as const).map((dimension) => {
      const value = dimension === 'all' ? '*' : dimension === 'provider' ? attempt.provider : modelId;
      const key = `${row.day}|${dimension}|${value}`;
      let total = out.get(key);
      if (!total) out.set(key, (total = emptySignalTotal(row.day, dimension, value)));
      return total;
    });
    for (const total of totals) {
      total.attempts++;
      if (attempt.status === 'error') {
        const kind = errorKindOf(attempt);
        total.errors[kind] = (total.errors[kind] ?? 0) + 1;
        if (answeredAt > index) total.coveredByFallback++;
        continue;
      }
      total.answered++;
      if (row.finishReason === 'content_filter') total.errors.content_filter = (total.errors.content_filter ?? 0) + 1;
      if (row.cachedTokens > 0) total.cacheHits++;
      // The answering attempt ran to the request's end: its first token came this long after it started.
      const ttft = row.ttftMs === null ? null : Math.max(0, row.ttftMs - (row.totalMs - attempt.ms));
      record(total.total, attempt.ms);
      if (ttft !== null) record(total.ttft, ttft);
      const streaming = ttft === null ? 0 : attempt.ms - ttft;
      if (row.stream && !row.usageEstimated && row.completionTokens > 0 && streaming > 0) {
        total.outputTokens += row.completionTokens;
        total.outputMs += streaming;
      }
    }
  }
  return [...out.values()];
}

/** Adds a signal increment to the totals kept by key. */
export function addSignal(totals: Map<string, SignalTotal>, add: SignalTotal): void {
  const current = totals.get(add.key);
  if (!current) {
    totals.set(add.key, { ...add, errors: { ...add.errors }, ttft: { ...add.ttft }, total: { ...add.total } });
    return;
  }
  current.attempts += add.attempts;
  current.answered += add.answered;
  for (const kind of ERROR_KINDS) if (add.errors[kind]) current.errors[kind] = (current.errors[kind] ?? 0) + add.errors[kind];
  current.coveredByFallback += add.coveredByFallback;
  current.cacheHits += add.cacheHits;
  merge(current.ttft, add.ttft);
  merge(current.total, add.total);
  current.outputTokens += add.outputTokens;
  current.outputMs += add.outputMs;
}

/** The signal totals of existing requests. */
export function signalTotalsOf(rows: Iterable<RequestRow>): SignalTotal[] {
  const totals = new Map<string, SignalTotal>();
  for (const row of rows) for (const total of signalsOf(row)) addSignal(totals, total);
  return [...totals.values()];
}
