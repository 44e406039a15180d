import * as z from 'zod/mini';
import type { RequestDetails } from '../gateway/details';
import { detailsWithoutImages } from './details-images';
import { gunzip, gzip } from './gzip';
import type { WorkerLedger } from './worker-db';

/** Whether, how long and how much of requests' bodies are kept for the inspector. */
export const DetailsSettings = z.object({
  keep: z.boolean(),
  keepDays: z.int().check(z.minimum(1), z.maximum(365)),
  maxMb: z.int().check(z.minimum(1), z.maximum(10_000)),
});
export type DetailsSettings = z.infer<typeof DetailsSettings>;

export const DETAILS_KEY = 'requestDetails';
export const DEFAULT_DETAILS: DetailsSettings = { keep: true, keepDays: 30, maxMb: 200 };

/** A request's details at rest: gzip, then AES-GCM with the device key. */
export interface DetailsRow {
  id: string;
  startedAt: number;
  /** Bytes stored (what the size cap counts). */
  size: number;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** Keeps a request's details, images as their size and hash, sealed with the device key. */
export async function saveDetails(db: WorkerLedger, key: CryptoKey, id: string, startedAt: number, details: RequestDetails): Promise<void> {
  const packed = await gzip(JSON.stringify(await detailsWithoutImages(details)));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, packed);
  await db.put('details', { id, startedAt, size: data.byteLength + iv.byteLength, iv, data });
}

/** A request's details, or undefined when none were kept (or they were dropped); throws when the device key cannot open them. */
export async function readDetails(db: WorkerLedger, key: CryptoKey | undefined, id: string): Promise<RequestDetails | undefined> {
  const row = await db.get('details', id);
  if (!row) return undefined;
  if (!key) throw new Error('The details were sealed with a device key this browser no longer has.');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv }, key, row.data);
  return JSON.parse(await gunzip(plain)) as RequestDetails;
}

/** Bytes and count of the details kept. */
export async function detailsUsage(db: WorkerLedger): Promise<{ bytes: number; count: number }> {
  let bytes = 0;
  let count = 0;
  let cursor = await db.transaction('details').store.openCursor();
  while (cursor) {
    bytes += cursor.value.size;
    count++;
    cursor = await cursor.continue();
  }
  return { bytes, count };
}

/**
 * Drops details older than the period, then the oldest until what is left fits the size cap;
 * with keeping turned off, drops them all. Returns how many were dropped.
 */
export async function pruneDetails(db: WorkerLedger, settings: DetailsSettings, now = Date.now()): Promise<number> {
  const tx = db.transaction('details', 'readwrite');
  const byAge = tx.store.index('startedAt');
  const cutoff = settings.keep ? now - settings.keepDays * 86_400_000 : Number.POSITIVE_INFINITY;
  const cap = settings.maxMb * 1024 * 1024;
  let dropped = 0;
  let kept = 0;
  let full = false;
  // Newest first: once one is past the period or would pass the cap, it and all older ones go.
  let cursor = await byAge.openCursor(null, 'prev');
  while (cursor) {
    full ||= cursor.value.startedAt < cutoff || kept + cursor.value.size > cap;
    if (full) {
      await cursor.delete();
      dropped++;
    } else kept += cursor.value.size;
    cursor = await cursor.continue();
  }
  await tx.done;
  return dropped;
}
