import type { BudgetGuard } from '../budgets/guard';
import { HealthSnapshot, HealthTracker } from '../gateway/health';
import type { UsageRecord } from '../gateway/record';
import { lastHealthSnapshot, saveHealthSnapshot } from '../ledger/health-store';
import { beginRequest, progressRequest, recordRequest, settleInterrupted } from '../ledger/ledger';
import { countOlderSignals } from '../ledger/signals-backfill';
import type { WorkerLedger } from '../ledger/worker-db';

const HEALTH_SAVE_EVERY_MS = 5_000;
/** Counting older requests into the signals waits this long after a start, so it never slows the first request. */
const BACKFILL_AFTER_MS = 5_000;

/**
 * What the gateway reports, written to the ledger: a request's row before it is sent, its
 * progress while it streams, its end (letting go of its budget hold); and provider health, saved
 * every few seconds. A worker starts by settling what the last one left running and restoring
 * health from its last snapshot, once, before anything reads the ledger.
 */
export class LedgerWriter {
  /** Provider health, restored from the last snapshot when the worker starts. */
  health = new HealthTracker();
  private readonly pending = new Set<Promise<unknown>>();
  private starting: { settled: Promise<unknown>; healthRestored: Promise<unknown> } | undefined;
  private lastHealthSave = 0;
  private healthTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: () => Promise<WorkerLedger>,
    private readonly now: () => number,
    /** The budgets whose holds requests take and let go (made after this writer, which they wait for). */
    private readonly budgets: () => BudgetGuard,
    /** Keeps a finished request's details for the inspector (./details-keeper.ts). */
    private readonly keepDetails: (record: UsageRecord) => Promise<void> = async () => undefined,
  ) {}

  /**
   * Runs once, when the background starts it or when anything first needs it. A new request's
   * row cannot overtake the settling: IndexedDB runs the two read-write transactions in order.
   */
  start(): { settled: Promise<unknown>; healthRestored: Promise<unknown> } {
    if (!this.starting) {
      setTimeout(() => {
        void this.db()
          .then((db) => countOlderSignals(db))
          .catch((error: unknown) => console.error('Switchyard could not count older requests into the signals', error));
      }, BACKFILL_AFTER_MS);
    }
    return (this.starting ??= {
      settled: this.db()
        .then(settleInterrupted)
        .catch((error: unknown) => console.error('Switchyard could not settle interrupted requests', error)),
      healthRestored: (async () => {
        const snapshot = HealthSnapshot.safeParse(await lastHealthSnapshot(await this.db()));
        if (snapshot.success) this.health = new HealthTracker({}, snapshot.data);
      })().catch(() => undefined),
    });
  }

  /** Resolves once the last worker's requests are settled and health restored. */
  ready(): Promise<unknown> {
    const { settled, healthRestored } = this.start();
    return Promise.all([settled, healthRestored]);
  }

  readonly onStart = async (record: UsageRecord): Promise<void> => {
    await beginRequest(await this.db(), record, this.budgets().held(record.id) ?? 0, this.now());
  };

  readonly onProgress = (record: UsageRecord): void => {
    this.track(this.db().then((db) => progressRequest(db, record, this.now())).catch(() => undefined));
  };

  readonly onRecord = (record: UsageRecord): void => {
    this.track(
      this.db()
        .then((db) => recordRequest(db, record))
        .catch((error: unknown) => console.error('Switchyard could not write a ledger row', error))
        .finally(() => this.budgets().release(record.id)),
    );
    if (record.details) this.track(this.keepDetails(record).catch((error: unknown) => console.error('Switchyard could not keep a request’s details', error)));
    this.saveHealthSoon();
  };

  /** Resolves when every ledger write started so far has landed. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private track(write: Promise<unknown>): void {
    const tracked = write.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Saves health at most every few seconds, and always after the last change. */
  private saveHealthSoon(): void {
    if (this.healthTimer !== undefined) return;
    const save = () => {
      this.healthTimer = undefined;
      this.lastHealthSave = this.now();
      const snapshot = this.health.snapshot();
      const at = this.lastHealthSave;
      this.track(
        this.db()
          .then((db) => saveHealthSnapshot(db, snapshot, at))
          .catch(() => undefined),
      );
    };
    const wait = HEALTH_SAVE_EVERY_MS - (this.now() - this.lastHealthSave);
    if (wait <= 0) save();
    else this.healthTimer = setTimeout(save, wait);
  }
}
