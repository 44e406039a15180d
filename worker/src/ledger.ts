import type { UsageRecord } from '../../lib/gateway/record';
import type { D1Database } from './env';
import type { Member } from './members';

/** A request started this long ago and never completed (its isolate was stopped) no longer holds its reservation. */
export const IN_FLIGHT_MS = 15 * 60_000;
/** Sums of floating-point costs may be a hair over a budget they exactly reach. */
const EPSILON = 1e-9;

export type Refusal = 'over_daily_budget' | 'over_monthly_budget' | 'rate_limited';

/** The first moments of the UTC day and month `now` falls in. */
export function periodStarts(now: number): { day: number; month: number } {
  const d = new Date(now);
  return { day: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), month: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) };
}

/**
 * What a member's rows count against a budget since a moment: the cost of finished requests and what
 * running ones hold (unless they started before `heldSince`). Arguments are SQL parameter names.
 */
const spentSince = (member: string, since: string, heldSince: string) =>
  `(SELECT COALESCE(SUM(CASE WHEN status = 'in_progress' THEN (CASE WHEN started_at >= ${heldSince} THEN reserved ELSE 0 END) ELSE cost END), 0)
    FROM ledger WHERE member_id = ${member} AND started_at >= ${since})`;
/** A member's requests (refused ones aside) after a moment. */
const requestsAfter = (member: string, after: string) => `(SELECT COUNT(*) FROM ledger WHERE member_id = ${member} AND started_at > ${after} AND status != 'refused')`;

export interface Admission {
  id: string;
  member: Member;
  startedAt: number;
  endpoint: string;
  source: string;
  requestedModel: string;
  /** The most the request can cost: held against the budgets until it is completed. */
  reserve: number;
}

/**
 * Writes a request's row before anything is sent, if the member's budgets can take the most it
 * can cost on top of what is spent and held, and its rate allows another request. One statement,
 * so concurrent requests cannot both take the last of a budget (D1 runs statements one at a time).
 */
export async function admit(db: D1Database, a: Admission, now = Date.now()): Promise<Refusal | undefined> {
  const starts = periodStarts(now);
  const { member } = a;
  const { meta } = await db
    .prepare(
      `INSERT INTO ledger (id, member_id, started_at, status, endpoint, source, requested_model, reserved)
       SELECT ?1, ?2, ?3, 'in_progress', ?4, ?5, ?6, ?7
       WHERE (?8 IS NULL OR ?7 + ${spentSince('?2', '?9', '?11')} <= ?8 + ${EPSILON})
         AND (?10 IS NULL OR ?7 + ${spentSince('?2', '?12', '?11')} <= ?10 + ${EPSILON})
         AND (?13 IS NULL OR ${requestsAfter('?2', '?14')} < ?13)`,
    )
    .bind(
      a.id,
      member.id,
      a.startedAt,
      a.endpoint,
      a.source,
      a.requestedModel,
      a.reserve,
      member.budget.daily,
      starts.day,
      member.budget.monthly,
      now - IN_FLIGHT_MS,
      starts.month,
      member.rpm,
      now - 60_000,
    )
    .run();
  if (meta.changes > 0) return undefined;
  // Refused: say which limit, the rate first (it clears soonest).
  const usage = await usageOf(db, member.id, now);
  if (member.rpm !== null && usage.lastMinute >= member.rpm) return 'rate_limited';
  if (member.budget.daily !== null && usage.day + a.reserve > member.budget.daily + EPSILON) return 'over_daily_budget';
  return 'over_monthly_budget';
}

/** What a member has spent (and holds for running requests) today and this month, and its requests in the last minute. */
export async function usageOf(db: D1Database, memberId: string, now = Date.now()): Promise<{ day: number; month: number; lastMinute: number }> {
  const starts = periodStarts(now);
  const row = await db
    .prepare(`SELECT ${spentSince('?1', '?2', '?4')} AS day, ${spentSince('?1', '?3', '?4')} AS month, ${requestsAfter('?1', '?5')} AS lastMinute`)
    .bind(memberId, starts.day, starts.month, now - IN_FLIGHT_MS, now - 60_000)
    .first<{ day: number; month: number; lastMinute: number }>();
  return row ?? { day: 0, month: 0, lastMinute: 0 };
}

const REFUSALS = new Set<string>(['over_daily_budget', 'over_monthly_budget', 'rate_limited', 'model_not_allowed', 'model_unpriced']);

/**
 * Completes a request's row with what the gateway reports when it ends; a request refused before
 * its row was written (bad body, unknown model, a limit) gets its one row here.
 */
export async function complete(db: D1Database, memberId: string, record: UsageRecord, now = Date.now()): Promise<void> {
  const status = record.status === 'error' && record.error && REFUSALS.has(record.error.code) ? 'refused' : record.status;
  const fields = [
    now,
    status,
    record.model,
    record.provider,
    JSON.stringify(record.attempts),
    record.usage.prompt,
    record.usage.completion,
    record.cost,
    record.ttftMs,
    record.totalMs,
    record.error?.code ?? null,
    record.error?.message ?? null,
  ];
  const { meta } = await db
    .prepare(
      `UPDATE ledger SET ended_at = ?, status = ?, model = ?, provider = ?, attempts = ?, prompt_tokens = ?, completion_tokens = ?,
         cost = ?, reserved = 0, ttft_ms = ?, total_ms = ?, error_code = ?, error = ? WHERE id = ? AND member_id = ?`,
    )
    .bind(...fields, record.id, memberId)
    .run();
  if (meta.changes > 0) return;
  await db
    .prepare(
      `INSERT INTO ledger (ended_at, status, model, provider, attempts, prompt_tokens, completion_tokens, cost, ttft_ms, total_ms, error_code, error,
         id, member_id, started_at, endpoint, source, requested_model)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(...fields, record.id, memberId, record.startedAt, record.endpoint ?? 'chat', record.source, record.requestedModel)
    .run();
}

/** A request refused before the gateway saw it (a revoked key): its row, with nothing sent. */
export async function refused(db: D1Database, memberId: string, request: { id: string; endpoint: string; code: string; message: string }, now = Date.now()): Promise<void> {
  await db
    .prepare(`INSERT INTO ledger (id, member_id, started_at, ended_at, status, endpoint, source, attempts, error_code, error) VALUES (?, ?, ?, ?, 'refused', ?, 'api', '[]', ?, ?)`)
    .bind(request.id, memberId, now, now, request.endpoint, request.code, request.message)
    .run();
}

export interface SpendReport {
  from: number;
  to: number;
  total: { requests: number; cost: number };
  members: { id: string; name: string; revoked: boolean; requests: number; cost: number; today: number; month: number }[];
  models: { model: string; requests: number; cost: number }[];
}

/** Spend per member and per model between two moments, straight from the ledger (finished requests' costs). */
export async function spendReport(db: D1Database, from: number, to: number, now = Date.now()): Promise<SpendReport> {
  const starts = periodStarts(now);
  const [members, models, total] = await db.batch([
    db
      .prepare(
        `SELECT m.id, m.name, m.revoked_at IS NOT NULL AS revoked,
                COUNT(l.id) AS requests, COALESCE(SUM(l.cost), 0) AS cost,
                (SELECT COALESCE(SUM(cost), 0) FROM ledger WHERE member_id = m.id AND started_at >= ?3) AS today,
                (SELECT COALESCE(SUM(cost), 0) FROM ledger WHERE member_id = m.id AND started_at >= ?4) AS month
         FROM members m LEFT JOIN ledger l ON l.member_id = m.id AND l.started_at >= ?1 AND l.started_at < ?2
         GROUP BY m.id ORDER BY cost DESC, m.name`,
      )
      .bind(from, to, starts.day, starts.month),
    db
      .prepare(
        `SELECT COALESCE(model, requested_model, '(none)') AS model, COUNT(*) AS requests, COALESCE(SUM(cost), 0) AS cost
         FROM ledger WHERE started_at >= ?1 AND started_at < ?2 GROUP BY 1 ORDER BY cost DESC, model`,
      )
      .bind(from, to),
    db.prepare(`SELECT COUNT(*) AS requests, COALESCE(SUM(cost), 0) AS cost FROM ledger WHERE started_at >= ?1 AND started_at < ?2`).bind(from, to),
  ]);
  const memberRows = members!.results as { id: string; name: string; revoked: number; requests: number; cost: number; today: number; month: number }[];
  return {
    from,
    to,
    total: (total!.results[0] as SpendReport['total'] | undefined) ?? { requests: 0, cost: 0 },
    members: memberRows.map((m) => ({ ...m, revoked: Boolean(m.revoked) })),
    models: models!.results as SpendReport['models'],
  };
}
