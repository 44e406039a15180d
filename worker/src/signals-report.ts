import type { D1Database } from './env';

/** One model's speed and errors over a period, from the D1 ledger's rows. */
export interface ModelSignal {
  model: string;
  requests: number;
  /** Requests that ended in an error (the member's aborts are not errors). */
  errors: number;
  /** Answered requests whose first choice failed and another answered. */
  fellBack: number;
  ttftP50: number | null;
  ttftP95: number | null;
  totalP50: number | null;
  totalP95: number | null;
  tokensPerSecond: number | null;
}

const MODEL = `COALESCE(model, requested_model, '(none)')`;

/**
 * Per model, for the admin page: p50 and p95 time to first token and total time (nearest rank,
 * exact, over the answered requests), output tokens per second while streaming, errors and
 * fallbacks. Percentiles by window functions, so D1 sorts and the Worker only reads a row a model.
 */
export async function signalsReport(db: D1Database, from: number, to: number): Promise<ModelSignal[]> {
  const [counts, times] = await db.batch([
    db
      .prepare(
        `SELECT ${MODEL} AS model, COUNT(*) AS requests,
                SUM(status = 'error') AS errors,
                SUM(status = 'ok' AND EXISTS (SELECT 1 FROM json_each(attempts) WHERE json_extract(value, '$.status') = 'error')) AS fellBack
         FROM ledger WHERE started_at >= ?1 AND started_at < ?2 AND status != 'in_progress' GROUP BY 1`,
      )
      .bind(from, to),
    db
      .prepare(
        `WITH answered AS (
           SELECT ${MODEL} AS model, ttft_ms, total_ms, completion_tokens, stream,
                  ROW_NUMBER() OVER (PARTITION BY ${MODEL} ORDER BY ttft_ms) AS ttft_rank,
                  ROW_NUMBER() OVER (PARTITION BY ${MODEL} ORDER BY total_ms) AS total_rank,
                  COUNT(*) OVER (PARTITION BY ${MODEL}) AS n
           FROM ledger
           WHERE started_at >= ?1 AND started_at < ?2 AND status = 'ok' AND ttft_ms IS NOT NULL AND total_ms IS NOT NULL)
         SELECT model,
                MIN(CASE WHEN ttft_rank * 100 >= 50 * n THEN ttft_ms END) AS ttftP50,
                MIN(CASE WHEN ttft_rank * 100 >= 95 * n THEN ttft_ms END) AS ttftP95,
                MIN(CASE WHEN total_rank * 100 >= 50 * n THEN total_ms END) AS totalP50,
                MIN(CASE WHEN total_rank * 100 >= 95 * n THEN total_ms END) AS totalP95,
                SUM(CASE WHEN stream = 1 AND total_ms > ttft_ms THEN completion_tokens ELSE 0 END) AS tokens,
                SUM(CASE WHEN stream = 1 AND total_ms > ttft_ms THEN total_ms - ttft_ms ELSE 0 END) AS streamingMs
         FROM answered GROUP BY model`,
      )
      .bind(from, to),
  ]);
  type Times = Pick<ModelSignal, 'model' | 'ttftP50' | 'ttftP95' | 'totalP50' | 'totalP95'> & { tokens: number; streamingMs: number };
  const timed = new Map((times!.results as Times[]).map((t) => [t.model, t]));
  return (counts!.results as Pick<ModelSignal, 'model' | 'requests' | 'errors' | 'fellBack'>[])
    .map((c) => {
      const t = timed.get(c.model);
      return {
        model: c.model,
        requests: c.requests,
        errors: c.errors ?? 0,
        fellBack: c.fellBack ?? 0,
        ttftP50: t?.ttftP50 ?? null,
        ttftP95: t?.ttftP95 ?? null,
        totalP50: t?.totalP50 ?? null,
        totalP95: t?.totalP95 ?? null,
        tokensPerSecond: t && t.streamingMs > 0 ? t.tokens / (t.streamingMs / 1000) : null,
      };
    })
    .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
}

export interface MemberRequest {
  id: string;
  startedAt: number;
  status: string;
  endpoint: string;
  model: string | null;
  provider: string | null;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  ttftMs: number | null;
  totalMs: number | null;
  errorCode: string | null;
  attempts: number;
  /** Whether its prompt and answer were kept (the config's keepDetails). */
  details: boolean;
}

/** A member's latest requests, newest first: their metadata, and whether their bodies were kept (./details-store.ts). */
export async function memberRequests(db: D1Database, memberId: string, limit = 50, before = Number.MAX_SAFE_INTEGER): Promise<MemberRequest[]> {
  const { results } = await db
    .prepare(
      `SELECT id, started_at AS startedAt, status, endpoint, ${MODEL} AS model, provider, prompt_tokens AS promptTokens,
              completion_tokens AS completionTokens, cost, ttft_ms AS ttftMs, total_ms AS totalMs, error_code AS errorCode,
              COALESCE(json_array_length(attempts), 0) AS attempts,
              EXISTS (SELECT 1 FROM request_details d WHERE d.id = ledger.id) AS details
       FROM ledger WHERE member_id = ?1 AND started_at < ?2 ORDER BY started_at DESC LIMIT ?3`,
    )
    .bind(memberId, before, limit)
    .all<Omit<MemberRequest, 'details'> & { details: number }>();
  return results.map((r) => ({ ...r, details: r.details === 1 }));
}
