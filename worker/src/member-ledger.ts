import { DurableObject } from 'cloudflare:workers';
import type { UsageRecord } from '../../lib/gateway/record';
import type { Env } from './env';
import { admittedRow, finishedRow, refusedRow, writeRows, type LedgerRow } from './ledger-rows';
import { GroupedWrites } from './grouped-writes';
import { RateWindow } from './rate-window';
import { allowsModel, type Member } from './members';

/** A request started this long ago and never completed (its isolate was stopped) no longer holds its reservation. */
export const IN_FLIGHT_MS = 15 * 60_000;
/** Sums of floating-point costs may be a hair over a budget they exactly reach. */
const EPSILON = 1e-9;
/** How soon after a row changes it is written to D1 (rows that change meanwhile go in the same batch). */
const FLUSH_AFTER_MS = 1_000;
/** Rows written to D1 per batch. */
const FLUSH_BATCH = 200;

export type Refusal = 'over_daily_budget' | 'over_monthly_budget' | 'rate_limited' | 'key_revoked' | 'model_not_allowed';

/** What the member object enforces: the member's limits as the admin last set them. */
export type Limits = Pick<Member, 'budget' | 'models' | 'rpm' | 'revokedAt'>;

export interface Admission {
  id: string;
  startedAt: number;
  endpoint: string;
  source: string;
  requestedModel: string;
  /** The models the request may reach; every one must be allowed. */
  models: string[];
  /** The most the request can cost: held against the budgets until it ends. */
  reserve: number;
}

interface Totals {
  day: number;
  month: number;
  /** What finished requests cost since the start of the day and of the month (UTC). */
  daySpent: number;
  monthSpent: number;
}

/** The first moments of the UTC day and month `now` falls in. */
export function periodStarts(now: number): { day: number; month: number } {
  const d = new Date(now);
  return { day: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), month: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) };
}

const round = (usd: number) => Math.round(usd * 1e9) / 1e9;

/**
 * One member's ledger and limits, one object per member: admitting a request is one call here,
 * so members never wait on each other and never on D1. What is spent today and this month is kept
 * as running totals (never summed from a month of rows), the last minute's requests beside them.
 * Each request's row is durable here before anything is sent, its completed row before the answer
 * goes out; a running request's row is its hold on the budgets. Finished rows are written to D1,
 * the ledger of record, in batches on an alarm; a row changed while its batch was being written is
 * written again, so nothing is lost to a restart.
 */
export class MemberLedger extends DurableObject<Env> {
  private loaded?: Promise<void>;
  private limits?: Limits;
  private totals!: Totals;
  /** The rows kept here, by request id: running requests' rows and finished ones not yet in D1 as they stand. */
  private rows = new Map<string, KeptRow>();
  /** Running requests: what each holds, and when it started (from their rows). */
  private held = new Map<string, { reserve: number; startedAt: number }>();
  /** When the last minute's requests started. */
  private recent = new RateWindow();
  /** Whether the alarm that writes rows to D1 is set (known here, so a request need not ask storage). */
  private flushSet = false;
  private writes = new GroupedWrites(this.ctx.storage);

  /** Reads the state once per object life: limits, totals and the rows not yet in D1. */
  private load(memberId: string, seed?: Limits): Promise<void> {
    this.loaded ??= (async () => {
      const stored = await this.ctx.storage.get<unknown>(['limits', 'totals']);
      this.limits = (stored.get('limits') as Limits | undefined) ?? seed;
      this.totals = (stored.get('totals') as Totals | undefined) ?? (await this.seedTotals(memberId));
      this.flushSet = (await this.ctx.storage.getAlarm()) !== null;
      for (const row of (await this.ctx.storage.list<LedgerRow>({ prefix: 'row:' })).values()) {
        this.rows.set(row.id, { row, version: 1 });
        // Requests running when the object stopped (or cut off with it) hold their reserve until they end or time out.
        if (row.status === 'in_progress') this.held.set(row.id, { reserve: row.reserved, startedAt: row.started_at });
      }
    })();
    return this.loaded;
  }

  /** A member object's first totals: what D1 has of this day and month (the ledger from before member objects). */
  private async seedTotals(memberId: string): Promise<Totals> {
    const { day, month } = periodStarts(Date.now());
    const row = await this.env.DB.prepare(
      `SELECT COALESCE(SUM(CASE WHEN started_at >= ?2 THEN cost ELSE 0 END), 0) AS daySpent, COALESCE(SUM(cost), 0) AS monthSpent
       FROM ledger WHERE member_id = ?1 AND started_at >= ?3 AND status != 'in_progress'`,
    )
      .bind(memberId, day, month)
      .first<{ daySpent: number; monthSpent: number }>();
    return { day, month, daySpent: row?.daySpent ?? 0, monthSpent: row?.monthSpent ?? 0 };
  }

  /** Starts a new day or month at zero. */
  private roll(now: number): void {
    const { day, month } = periodStarts(now);
    if (this.totals.month !== month) this.totals = { day, month, daySpent: 0, monthSpent: 0 };
    else if (this.totals.day !== day) this.totals = { ...this.totals, day, daySpent: 0 };
  }

  /** What running requests hold (those started long ago were cut off: they hold nothing, and their rows go to D1 as they are). */
  private holding(now: number): number {
    let sum = 0;
    for (const [id, h] of this.held) {
      if (h.startedAt >= now - IN_FLIGHT_MS) sum += h.reserve;
      else {
        this.held.delete(id);
        this.flushSoon();
      }
    }
    return sum;
  }

  private flushSoon(): void {
    if (this.flushSet) return;
    this.flushSet = true;
    void this.ctx.storage.setAlarm(Date.now() + FLUSH_AFTER_MS);
  }

  /** Keeps a request's row here (and the totals, when they changed), durable before the caller hears back. */
  private keep(row: LedgerRow, withTotals: boolean): Promise<void> {
    const kept = this.rows.get(row.id);
    this.rows.set(row.id, { row, version: (kept?.version ?? 0) + 1, ...(kept?.written ? { written: kept.written } : {}) });
    if (row.status !== 'in_progress') this.flushSoon();
    return this.writes.put({ [`row:${row.id}`]: row, ...(withTotals ? { totals: this.totals } : {}) });
  }

  /** The admin changed the member's budgets, models or rate, or revoked its key: it counts from the next request. */
  async setLimits(memberId: string, limits: Limits): Promise<void> {
    await this.load(memberId, limits);
    this.limits = limits;
    await this.ctx.storage.put('limits', limits);
  }

  /**
   * Admits a request if the member's key is valid, its models allowed, its rate not reached and
   * its budgets can take the most it can cost on top of what is spent and held; its row is kept
   * before this returns. The object handles one call at a time, so two requests can never both
   * take the last of a budget.
   */
  async admit(memberId: string, seed: Limits, a: Admission): Promise<{ refusal: Refusal; model?: string } | undefined> {
    await this.load(memberId, seed);
    const limits = this.limits ?? seed;
    const now = Date.now();
    if (limits.revokedAt !== null) return { refusal: 'key_revoked' };
    const denied = a.models.find((model) => !allowsModel(limits, model));
    if (denied) return { refusal: 'model_not_allowed', model: denied };
    if (limits.rpm !== null && this.recent.count(now) >= limits.rpm) return { refusal: 'rate_limited' };
    this.roll(now);
    const held = this.holding(now);
    const { daily, monthly } = limits.budget;
    if (daily !== null && this.totals.daySpent + held + a.reserve > daily + EPSILON) return { refusal: 'over_daily_budget' };
    if (monthly !== null && this.totals.monthSpent + held + a.reserve > monthly + EPSILON) return { refusal: 'over_monthly_budget' };
    this.recent.add(now);
    this.held.set(a.id, { reserve: a.reserve, startedAt: a.startedAt });
    await this.keep(admittedRow({ ...a, memberId }), false);
    return undefined;
  }

  /** A request ended: its hold is let go, its cost counted, its row completed. */
  async complete(memberId: string, record: UsageRecord): Promise<void> {
    await this.load(memberId);
    const now = Date.now();
    this.roll(now);
    this.held.delete(record.id);
    const { day, month } = periodStarts(record.startedAt);
    if (month === this.totals.month) this.totals.monthSpent = round(this.totals.monthSpent + record.cost);
    if (day === this.totals.day) this.totals.daySpent = round(this.totals.daySpent + record.cost);
    await this.keep(finishedRow(memberId, record, now), true);
  }

  /** A request refused before the gateway saw it (a revoked key): its row. */
  async refused(memberId: string, request: { id: string; endpoint: string; code: string; message: string }): Promise<void> {
    await this.load(memberId);
    await this.keep(refusedRow(memberId, request, Date.now()), false);
  }

  /** What the member has spent (and holds for running requests) today and this month, and its requests in the last minute. */
  async usage(memberId: string, seed?: Limits): Promise<{ day: number; month: number; lastMinute: number; revoked: boolean }> {
    await this.load(memberId, seed);
    const now = Date.now();
    this.roll(now);
    const held = this.holding(now);
    return {
      day: round(this.totals.daySpent + held),
      month: round(this.totals.monthSpent + held),
      lastMinute: this.recent.count(now),
      revoked: (this.limits ?? seed)?.revokedAt != null,
    };
  }

  /** Writes every kept row to D1 now, running requests' too (the admin's reports call it, so they read every request). */
  async flush(memberId: string): Promise<void> {
    await this.load(memberId);
    // Until every row is in D1 as it stands (bounded: under load, rows keep changing).
    for (let round = 0; round < 50 && (await this.writeBatch(true)); round++);
  }

  async alarm(): Promise<void> {
    this.flushSet = false;
    if (await this.writeBatch(false)) this.flushSoon();
  }

  /**
   * Writes a batch of rows to D1 (finished ones; with `running`, running ones too, which stay here
   * as their holds); whether rows are left to write.
   */
  private async writeBatch(running: boolean): Promise<boolean> {
    const due = [...this.rows.values()].filter((k) => k.written !== k.version && (running || !this.held.has(k.row.id)));
    if (due.length === 0) return false;
    const batch = due.slice(0, FLUSH_BATCH).map((k) => ({ row: k.row, version: k.version }));
    await writeRows(this.env.DB, batch.map((b) => b.row));
    // A row that changed while its batch was written (a request ending) stays, for the next batch.
    const gone: string[] = [];
    for (const { row, version } of batch) {
      const kept = this.rows.get(row.id);
      if (kept?.version !== version) continue;
      kept.written = version;
      if (!this.held.has(row.id)) {
        this.rows.delete(row.id);
        gone.push(`row:${row.id}`);
      }
    }
    // After any write of those rows still waiting in the group, never before it.
    if (gone.length) await this.writes.put({}, gone);
    return due.length > batch.length || batch.some(({ row }) => {
      const kept = this.rows.get(row.id);
      return kept !== undefined && kept.written !== kept.version;
    });
  }
}

interface KeptRow {
  row: LedgerRow;
  /** Counts the row's changes here; `written` is the version D1 has. */
  version: number;
  written?: number;
}
