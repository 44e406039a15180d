import type { ResponseStore, StoredResponse } from '../gateway/responses/store';
import type { WorkerLedger } from './worker-db';

/** How long a stored response is kept at most, as OpenAI keeps its own: 30 days. */
export const KEEP_RESPONSES_DAYS = 30;

/**
 * Stored Responses API answers in the extension's IndexedDB, one row each, read, continued and
 * deleted only by the owner that made them (a site's origin for the page API).
 */
export function idbResponseStore(db: () => Promise<WorkerLedger>): ResponseStore {
  return {
    async get(id, owner) {
      const row = await (await db()).get('responses', id);
      return row?.owner === owner ? row : undefined;
    },
    async put(record: StoredResponse) {
      await (await db()).put('responses', record);
    },
    async delete(id, owner) {
      const ledger = await db();
      const tx = ledger.transaction('responses', 'readwrite');
      const row = await tx.store.get(id);
      if (row?.owner !== owner) return false;
      await tx.store.delete(id);
      await tx.done;
      return true;
    },
  };
}

/**
 * Drops stored responses older than 30 days, and older than the ledger keeps requests when it
 * keeps them for less: a response never outlives the record of the request that made it.
 */
export async function pruneResponses(db: WorkerLedger, requestsCutoff: number | null, now = Date.now()): Promise<number> {
  const cutoffMs = Math.max(requestsCutoff ?? 0, now - KEEP_RESPONSES_DAYS * 86_400_000);
  const tx = db.transaction('responses', 'readwrite');
  let deleted = 0;
  let cursor = await tx.store.index('createdAt').openCursor(IDBKeyRange.upperBound(Math.floor(cutoffMs / 1000), true));
  while (cursor) {
    await cursor.delete();
    deleted++;
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}
