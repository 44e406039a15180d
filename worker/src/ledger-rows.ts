import type { UsageRecord } from '../../lib/gateway/record';
import type { D1Database } from './env';

/** One request's row of the D1 ledger, as its member object keeps it until the row is written. */
export interface LedgerRow {
  id: string;
  member_id: string;
  started_at: number;
  ended_at: number | null;
  status: string;
  endpoint: string;
  source: string | null;
  requested_model: string | null;
  model: string | null;
  provider: string | null;
  attempts: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
  reserved: number;
  ttft_ms: number | null;
  total_ms: number | null;
  error_code: string | null;
  error: string | null;
  /** 1 for a streamed answer, 0 for a whole one; null until the request ends. */
  stream: number | null;
}

const COLUMNS: (keyof LedgerRow)[] = [
  'id', 'member_id', 'started_at', 'ended_at', 'status', 'endpoint', 'source', 'requested_model', 'model', 'provider',
  'attempts', 'prompt_tokens', 'completion_tokens', 'cost', 'reserved', 'ttft_ms', 'total_ms', 'error_code', 'error', 'stream',
];

const empty = { ended_at: null, model: null, provider: null, attempts: null, prompt_tokens: 0, completion_tokens: 0, cost: 0, reserved: 0, ttft_ms: null, total_ms: null, error_code: null, error: null, stream: null };

/** A request's row as it is admitted: in progress, holding the most it can cost. */
export function admittedRow(a: { id: string; memberId: string; startedAt: number; endpoint: string; source: string; requestedModel: string; reserve: number }): LedgerRow {
  return { ...empty, id: a.id, member_id: a.memberId, started_at: a.startedAt, status: 'in_progress', endpoint: a.endpoint, source: a.source, requested_model: a.requestedModel, reserved: a.reserve };
}

const REFUSALS = new Set<string>(['over_daily_budget', 'over_monthly_budget', 'rate_limited', 'model_not_allowed', 'model_unpriced', 'key_revoked']);

/** A request's row as the gateway reports it when it ends (a request refused before admission gets its one row this way). */
export function finishedRow(memberId: string, record: UsageRecord, now: number): LedgerRow {
  const status = record.status === 'error' && record.error && REFUSALS.has(record.error.code) ? 'refused' : record.status;
  return {
    id: record.id,
    member_id: memberId,
    started_at: record.startedAt,
    ended_at: now,
    status,
    endpoint: record.endpoint ?? 'chat',
    source: record.source,
    requested_model: record.requestedModel,
    model: record.model,
    provider: record.provider,
    attempts: JSON.stringify(record.attempts),
    prompt_tokens: record.usage.prompt,
    completion_tokens: record.usage.completion,
    cost: record.cost,
    reserved: 0,
    ttft_ms: record.ttftMs,
    total_ms: record.totalMs,
    error_code: record.error?.code ?? null,
    error: record.error?.message ?? null,
    stream: record.stream ? 1 : 0,
  };
}

/** A request refused before the gateway saw it (a revoked key): its row, with nothing sent. */
export function refusedRow(memberId: string, r: { id: string; endpoint: string; code: string; message: string }, now: number): LedgerRow {
  return { ...empty, id: r.id, member_id: memberId, started_at: now, ended_at: now, status: 'refused', endpoint: r.endpoint, source: 'api', requested_model: null, attempts: '[]', error_code: r.code, error: r.message };
}

/** Rows per statement: each statement reads its rows from one JSON parameter (D1 allows 100 parameters, not 100 rows). */
const ROWS_PER_STATEMENT = 100;

const UPSERT = `INSERT INTO ledger (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((c) => `json_extract(value, '$.${c}')`).join(', ')} FROM json_each(?1) WHERE true
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * Writes rows to the D1 ledger in one batch, a statement per hundred rows; a row written before
 * is replaced, so a flush may be repeated.
 */
export async function writeRows(db: D1Database, rows: LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => Object.fromEntries(COLUMNS.map((c) => [c, row[c]])));
    statements.push(db.prepare(UPSERT).bind(JSON.stringify(chunk)));
  }
  await db.batch(statements);
}
