import type { ResponseStore, StoredResponse } from '../../lib/gateway';
import type { D1Database } from './env';

/** How long a stored response is kept, as OpenAI keeps its own: 30 days. */
export const KEEP_RESPONSES_DAYS = 30;

/** Stored responses in D1, one row each, read and deleted only by the member who made them. */
export function d1ResponseStore(db: D1Database): ResponseStore {
  return {
    async get(id, owner) {
      const row = await db.prepare('SELECT body, created_at FROM responses WHERE id = ? AND member_id = ?').bind(id, owner).first<{ body: string; created_at: number }>();
      if (!row) return undefined;
      const { input, response } = JSON.parse(row.body) as Pick<StoredResponse, 'input' | 'response'>;
      return { id, owner, createdAt: row.created_at, input, response };
    },
    async put(record) {
      await db
        .prepare('INSERT OR REPLACE INTO responses (id, member_id, created_at, body) VALUES (?, ?, ?, ?)')
        .bind(record.id, record.owner, record.createdAt, JSON.stringify({ input: record.input, response: record.response }))
        .run();
    },
    async delete(id, owner) {
      const result = await db.prepare('DELETE FROM responses WHERE id = ? AND member_id = ?').bind(id, owner).run();
      return (result.meta?.changes ?? 0) > 0;
    },
  };
}

/** Drops responses older than the keeping period (the daily cron runs it). */
export async function pruneResponses(db: D1Database, now = Date.now()): Promise<void> {
  await db.prepare('DELETE FROM responses WHERE created_at < ?').bind(Math.floor(now / 1000) - KEEP_RESPONSES_DAYS * 86_400).run();
}
