import type { RequestDetails } from '../../lib/gateway';
import { detailsWithoutImages } from '../../lib/ledger/details-images';
import { gunzip, gzip } from '../../lib/ledger/gzip';
import type { D1Database } from './env';

/**
 * Requests' prompts and answers in D1, for a team whose config keeps them (keepDetails): gzipped
 * JSON, images as their size and hash, read by the admin only.
 */
export async function saveRequestDetails(db: D1Database, id: string, memberId: string, startedAt: number, details: RequestDetails): Promise<void> {
  const body = await gzip(JSON.stringify(await detailsWithoutImages(details)));
  await db.prepare('INSERT OR REPLACE INTO request_details (id, member_id, started_at, body) VALUES (?, ?, ?, ?)').bind(id, memberId, startedAt, body).run();
}

export async function readRequestDetails(db: D1Database, id: string): Promise<RequestDetails | undefined> {
  const row = await db.prepare('SELECT body FROM request_details WHERE id = ?').bind(id).first<{ body: ArrayBuffer | number[] }>();
  if (!row) return undefined;
  // D1 hands a BLOB back as an array of bytes.
  const bytes = row.body instanceof ArrayBuffer ? new Uint8Array(row.body) : Uint8Array.from(row.body);
  return JSON.parse(await gunzip(bytes)) as RequestDetails;
}

/** Drops details past the team's days (the daily cron runs it; with keeping off, it drops them all). */
export async function pruneRequestDetails(db: D1Database, keepDays: number, now = Date.now()): Promise<void> {
  await db.prepare('DELETE FROM request_details WHERE started_at < ?').bind(now - keepDays * 86_400_000).run();
}
