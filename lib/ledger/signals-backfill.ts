import type { RequestRow } from './db';
import { addToKept } from './ledger';
import { addSignal, signalsOf, type SignalTotal } from './signals';
import type { WorkerLedger } from './worker-db';

const META_KEY = 'signalsBackfill';

/** How far the counting of requests from before the signals has got (no row: nothing to count). */
export type SignalsBackfill = {
  key: typeof META_KEY;
  /** Requests up to this id (in id order) are counted; null before the first batch. */
  resumeAfter: string | null;
  done: boolean;
};

/** The state an upgrade over an older ledger starts from. */
export const signalsBackfillStart = (): SignalsBackfill => ({ key: META_KEY, resumeAfter: null, done: false });

export async function signalsBackfill(db: WorkerLedger): Promise<SignalsBackfill | undefined> {
  return (await db.get('meta', META_KEY)) as SignalsBackfill | undefined;
}

/** Whether a row is one the backfill counts: ended, and written before rows were counted as they were written. */
const uncounted = (row: RequestRow) => !row.signalled && row.status !== 'in_progress';

/**
 * Counts the requests written before the signals were kept, a batch per transaction (the ledger
 * stays usable meanwhile), resuming where it stopped if the worker is stopped. A row written since
 * is marked `signalled` and passed over; one still running when it is passed is counted by the
 * write that ends it. The batch's increments and the new position commit together, so no row is
 * counted twice.
 */
export async function countOlderSignals(db: WorkerLedger, batch = 2000, pause = () => new Promise((resolve) => setTimeout(resolve, 0))): Promise<void> {
  for (;;) {
    const tx = db.transaction(['requests', 'signals', 'meta'], 'readwrite');
    const state = (await tx.objectStore('meta').get(META_KEY)) as SignalsBackfill | undefined;
    if (!state || state.done) return void (await tx.done);
    const range = state.resumeAfter === null ? undefined : IDBKeyRange.lowerBound(state.resumeAfter, true);
    let cursor = await tx.objectStore('requests').openCursor(range);
    const increments: SignalTotal[] = [];
    let read = 0;
    let last: string | null = state.resumeAfter;
    while (cursor && read < batch) {
      if (uncounted(cursor.value)) increments.push(...signalsOf(cursor.value));
      last = cursor.value.id;
      read++;
      cursor = await cursor.continue();
    }
    const signals = tx.objectStore('signals');
    await addToKept<SignalTotal>({ get: (key) => signals.get(key), put: (total) => signals.put(total) }, increments, addSignal);
    await tx.objectStore('meta').put({ key: META_KEY, resumeAfter: last, done: cursor === null });
    await tx.done;
    if (cursor === null) return;
    await pause();
  }
}
