import type { ErrorKind } from './signals';
import type { SignalChange } from './signals-summary';

export const ERROR_KIND_NAMES: Record<ErrorKind, string> = {
  rate_limit: 'rate limited',
  overloaded: 'overloaded',
  timeout: 'timed out',
  refused_key: 'key refused',
  content_filter: 'content filter',
  cut_off: 'cut off',
  other: 'other',
};

/** A time as people read it, to two figures (percentiles are within 1% anyway): 87 ms, 840 ms, 2.4 s, 12 s. */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 100) return `${Math.round(ms)} ms`;
  if (ms < 1000) return `${Math.round(ms / 10) * 10} ms`;
  return `${(ms / 1000).toFixed(ms < 9950 ? 1 : 0)} s`;
}

export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`;
}

const MEASURES: Record<SignalChange['measure'], string> = {
  ttftP95: 'p95 time to first token',
  totalP95: 'p95 total time',
  errorRate: 'error rate',
};

/** "claude-sonnet-4-5: p95 time to first token 2.0 s this week, up from 400 ms over the four weeks before." */
export function changeText(change: SignalChange): string {
  const show = change.measure === 'errorRate' ? rateText : durationText;
  return `${change.model}: ${MEASURES[change.measure]} ${show(change.thisWeek)} this week, up from ${show(change.before)} over the four weeks before.`;
}
