import { DurableObject } from 'cloudflare:workers';
import type { UsageRecord } from '../../lib/gateway/record';
import type { Env } from './env';
import { admittedRow, finishedRow, refusedRow, writeRows, type LedgerRow } from './ledger-rows';
import { allowsModel, type Member } from './members';

/** A request started this long ago and never completed (its isolate was stopped) no longer holds its reservation. */
export const IN_FLIGHT_MS = 15 * 60_000;
/** Sums of floating-point costs may be a hair over a budget they exactly reach. */
const EPSILON = 1e-9;
/** How soon after a row changes it is written to D1 (rows that change meanwhile go in the same batch). */
const FLUSH_AFTER_MS = 250;
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
 * as running totals (never summed from a month of rows), what running requests hold and the last
 * minute's requests beside it. Each request's row is durable here before anything is sent, and
 * written to D1, the ledger of record, in batches on an alarm; a row changed while its batch was
 * being written is written again, so nothing is lost to a restart.
 */
export class MemberLedger extends DurableObject<Env> {
  private loaded?: Promise<void>;
  private limits?: Limits;
  private totals!: Totals;
  /** Running requests: what each holds, and when it started. */
  private held = new Map<string, { reserve: number; startedAt: number }>();
  /** When the last minute's requests started. */
  private recent: number[] = [];
  /** Each unwritten row's version: a row is dropped here only if it did not change while written. */
  private versions = new Map<string, number>();
  /** Whether the alarm that writes rows to D1 is set (known here, so a request need not ask storage). */
  private flushSet?: boolean;

  /** Reads the state once per object life: limits, totals and the rows not yet in D1. */
  private load(memberId: string, seed?: Limits): Promise<void> {
    this.loaded ??= (async () => {
      const stored = await this.ctx.storage.get<unknown>(['limits', 'totals']);
      this.limits = (stored.get('limits') as Limits | undefined) ?? seed;
      this.totals = (stored.get('totals') as Totals | undefined) ?? (await this.seedTotals(memberId));
      for (const key of (await this.ctx.storage.list<LedgerRow>({ prefix: 'row:' })).keys()) this.versions.set(key, 0);
      // Requests running when the object stopped (or cut off with it) hold their reserve until they end or time out.
      for (const [key, hold] of await this.ctx.storage.list<{ reserve: number; startedAt: number }>({ prefix: 'hold:' })) this.held.set(key.slice(5), hold);
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

  /** What running requests hold (those started long ago were cut off, and hold nothing). */
  private holding(now: number): number {
    let sum = 0;
    const expired: string[] = [];
    for (const [id, h] of this.held) {
      if (h.startedAt >= now - IN_FLIGHT_MS) sum += h.reserve;
      else {
        this.held.delete(id);
        expired.push(`hold:${id}`);
      }
    }
    if (expired.length) void this.ctx.storage.delete(expired);
    return sum;
  }

  /**
   * Writes a row, its hold and the totals here, and has the alarm write the row to D1 soon. The
   * writes are not awaited one by one: issued together they are one atomic write, and the object's
   * output gate holds its answer until they are durable.
   */
  private async keep(row: LedgerRow, hold?: { reserve: number; startedAt: number }): Promise<void> {
    const key = `row:${row.id}`;
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    const writes: Promise<unknown>[] = [this.ctx.storage.put({ [key]: row, totals: this.totals, ...(hold ? { [`hold:${row.id}`]: hold } : {}) })];
    if (!hold && row.status !== 'in_progress') writes.push(this.ctx.storage.delete(`hold:${row.id}`));
    this.flushSet ??= (await this.ctx.storage.getAlarm()) !== null;
    if (!this.flushSet) {
      this.flushSet = true;
      writes.push(this.ctx.storage.setAlarm(Date.now() + FLUSH_AFTER_MS));
    }
    await Promise.all(writes);
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
    this.recent = this.recent.filter((t) => t > now - 60_000);
    if (limits.rpm !== null && this.recent.length >= limits.rpm) return { refusal: 'rate_limited' };
    this.roll(now);
    const held = this.holding(now);
    const { daily, monthly } = limits.budget;
    if (daily !== null && this.totals.daySpent + held + a.reserve > daily + EPSILON) return { refusal: 'over_daily_budget' };
    if (monthly !== null && this.totals.monthSpent + held + a.reserve > monthly + EPSILON) return { refusal: 'over_monthly_budget' };
    this.recent.push(now);
    const hold = { reserve: a.reserve, startedAt: a.startedAt };
    this.held.set(a.id, hold);
    await this.keep(admittedRow({ ...a, memberId }), hold);
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
    await this.keep(finishedRow(memberId, record, now));
  }

  /** A request refused before the gateway saw it (a revoked key): its row. */
  async refused(memberId: string, request: { id: string; endpoint: string; code: string; message: string }): Promise<void> {
    await this.load(memberId);
    await this.keep(refusedRow(memberId, request, Date.now()));
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
      lastMinute: this.recent.filter((t) => t > now - 60_000).length,
      revoked: (this.limits ?? seed)?.revokedAt != null,
    };
  }

  /** Writes every kept row to D1 now (the admin's reports call it, so they read every request). */
  async flush(memberId: string): Promise<void> {
    await this.load(memberId);
    while (await this.writeBatch()) {
      // until no row is left
    }
  }

  async alarm(): Promise<void> {
    this.flushSet = false;
    if (await this.writeBatch()) {
      this.flushSet = true;
      await this.ctx.storage.setAlarm(Date.now() + FLUSH_AFTER_MS);
    }
  }

  /** Writes a batch of kept rows to D1; whether rows are left. */
  private async writeBatch(): Promise<boolean> {
    const rows = await this.ctx.storage.list<LedgerRow>({ prefix: 'row:', limit: FLUSH_BATCH });
    if (rows.size === 0) return false;
    const written = new Map([...rows.keys()].map((key) => [key, this.versions.get(key) ?? 0]));
    await writeRows(this.env.DB, [...rows.values()]);
    // A row that changed while its batch was written (a request ending) stays, for the next batch.
    const done = [...written].filter(([key, version]) => (this.versions.get(key) ?? 0) === version).map(([key]) => key);
    await this.ctx.storage.delete(done);
    for (const key of done) this.versions.delete(key);
    return rows.size === FLUSH_BATCH || done.length < rows.size;
  }
}
