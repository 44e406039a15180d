import * as z from 'zod/mini';
import type { D1Database } from './env';
import { hashKey, newMemberKey } from './keys';

/** A person or app with its own key, budgets, models and rate. */
export interface Member {
  id: string;
  name: string;
  /** The key's last four characters. */
  keyHint: string;
  budget: { daily: number | null; monthly: number | null };
  /** Model patterns it may use: "*", "openai/*", or a catalog id. */
  models: string[];
  /** Requests per minute, or null for no limit. */
  rpm: number | null;
  createdAt: number;
  revokedAt: number | null;
}

const Usd = z.nullable(z.number().check(z.positive()));

/** What an admin sends to make or change a member. */
export const MemberInput = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  budget: z.optional(z.strictObject({ daily: z.optional(Usd), monthly: z.optional(Usd) })),
  models: z.optional(z.array(z.string().check(z.regex(/^(\*|[\w.:@-]+\/\*|[\w.:@/-]+)$/, 'a model pattern: "*", "maker/*" or a model id'))).check(z.minLength(1))),
  rpm: z.optional(z.nullable(z.int().check(z.positive()))),
});
export type MemberInput = z.infer<typeof MemberInput>;
export const MemberPatch = z.partial(MemberInput);

interface MemberRow {
  id: string;
  name: string;
  key_hint: string;
  daily_usd: number | null;
  monthly_usd: number | null;
  models: string;
  rpm: number | null;
  created_at: number;
  revoked_at: number | null;
}

const COLUMNS = 'id, name, key_hint, daily_usd, monthly_usd, models, rpm, created_at, revoked_at';

function fromRow(row: MemberRow): Member {
  return {
    id: row.id,
    name: row.name,
    keyHint: row.key_hint,
    budget: { daily: row.daily_usd, monthly: row.monthly_usd },
    models: JSON.parse(row.models) as string[],
    rpm: row.rpm,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Makes a member and its key; the key is returned here only, D1 keeps its hash. */
export async function createMember(db: D1Database, input: MemberInput, now = Date.now()): Promise<{ member: Member; key: string }> {
  const key = newMemberKey();
  const id = `mem_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await db
    .prepare(`INSERT INTO members (id, name, key_hash, key_hint, daily_usd, monthly_usd, models, rpm, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .bind(id, input.name, await hashKey(key), key.slice(-4), input.budget?.daily ?? null, input.budget?.monthly ?? null, JSON.stringify(input.models ?? ['*']), input.rpm ?? null, now)
    .run();
  return { member: (await memberById(db, id))!, key };
}

export async function memberById(db: D1Database, id: string): Promise<Member | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM members WHERE id = ?`).bind(id).first<MemberRow>();
  return row ? fromRow(row) : undefined;
}

/** The member a key belongs to, revoked or not; looked up on every request, so a revocation counts at once. */
export async function memberByKey(db: D1Database, key: string): Promise<Member | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM members WHERE key_hash = ?`).bind(await hashKey(key)).first<MemberRow>();
  return row ? fromRow(row) : undefined;
}

export async function listMembers(db: D1Database): Promise<Member[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM members ORDER BY created_at, id`).all<MemberRow>();
  return results.map(fromRow);
}

/** Changes a member's name, budgets, models or rate; false when there is no such member. */
export async function updateMember(db: D1Database, id: string, patch: z.infer<typeof MemberPatch>): Promise<Member | undefined> {
  const current = await memberById(db, id);
  if (!current) return undefined;
  const next = {
    name: patch.name ?? current.name,
    daily: patch.budget && 'daily' in patch.budget ? (patch.budget.daily ?? null) : current.budget.daily,
    monthly: patch.budget && 'monthly' in patch.budget ? (patch.budget.monthly ?? null) : current.budget.monthly,
    models: patch.models ?? current.models,
    rpm: patch.rpm !== undefined ? patch.rpm : current.rpm,
  };
  await db
    .prepare(`UPDATE members SET name = ?, daily_usd = ?, monthly_usd = ?, models = ?, rpm = ? WHERE id = ?`)
    .bind(next.name, next.daily, next.monthly, JSON.stringify(next.models), next.rpm, id)
    .run();
  return memberById(db, id);
}

/** Revokes a member's key at once; false when there is no such member or it was revoked already. */
export async function revokeMember(db: D1Database, id: string, now = Date.now()): Promise<boolean> {
  const { meta } = await db.prepare(`UPDATE members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).bind(now, id).run();
  return meta.changes > 0;
}

/** Whether a member may use a model: "*" allows all, "maker/*" a maker's models, else the exact id. */
export function allowsModel(member: Pick<Member, 'models'>, model: string): boolean {
  return member.models.some((pattern) => pattern === '*' || pattern === model || (pattern.endsWith('/*') && model.startsWith(pattern.slice(0, -1))));
}
