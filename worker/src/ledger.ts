import type { D1Database } from './env';
import { periodStarts } from './member-ledger';

/**
 * The D1 ledger, the team's ledger of record: one row per request, written by each member's
 * ledger object (./member-ledger.ts) in batches. The admin's reports read it here.
 */

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
