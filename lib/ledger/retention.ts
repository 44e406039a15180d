import * as z from 'zod/mini';
import type { WorkerLedger } from './worker-db';

/** How long request details are kept. Daily totals (charts, budgets) are kept forever either way. */
export const RetentionSettings = z.object({
  /** Months of request rows to keep; null keeps everything. */
  keepMonths: z.nullable(z.int().check(z.minimum(1), z.maximum(120))),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RETENTION_KEY = 'retention';
export const DEFAULT_RETENTION: RetentionSettings = { keepMonths: null };

/** The first moment whose requests are kept, `months` calendar months before `now`. */
export function retentionCutoff(months: number, now = Date.now()): number {
  const date = new Date(now);
  date.setMonth(date.getMonth() - months);
  return date.getTime();
}

/**
 * Deletes request rows older than `before`, oldest first, a batch per transaction so the ledger
 * stays usable meanwhile. Rows still in progress are left alone. Returns how many were deleted.
 */
export async function pruneRequests(db: WorkerLedger, before: number, batch = 5000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const tx = db.transaction('requests', 'readwrite');
    let inBatch = 0;
    let cursor = await tx.store.index('startedAt').openCursor(IDBKeyRange.upperBound(before, true));
    while (cursor && inBatch < batch) {
      if (cursor.value.status !== 'in_progress') {
        await cursor.delete();
        inBatch++;
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    deleted += inBatch;
    if (inBatch < batch) return deleted;
  }
}
