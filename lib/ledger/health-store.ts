import type { WorkerLedger } from './worker-db';

/** How many health snapshots are kept (the newest is the one read back). */
const KEEP = 50;

/** The last health snapshot saved, as saved (the caller validates it). */
export async function lastHealthSnapshot(db: WorkerLedger): Promise<unknown> {
  const cursor = await db.transaction('health').store.index('savedAt').openCursor(null, 'prev');
  return cursor?.value.snapshot;
}

/** Saves a snapshot and drops the oldest beyond the last fifty. */
export async function saveHealthSnapshot(db: WorkerLedger, snapshot: unknown, savedAt: number): Promise<void> {
  const tx = db.transaction('health', 'readwrite');
  await tx.store.add({ savedAt, snapshot });
  let extra = (await tx.store.count()) - KEEP;
  for (let cursor = await tx.store.index('savedAt').openCursor(); cursor && extra > 0; cursor = await cursor.continue(), extra--) await cursor.delete();
  await tx.done;
}
