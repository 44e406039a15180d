import type { Env, MemberLedgerStub } from './env';
import type { Limits } from './member-ledger';
import type { Member } from './members';

/** A member's ledger object (one per member, wherever the request lands). */
export const ledgerOf = (env: Env, memberId: string): MemberLedgerStub => env.MEMBERS.get(env.MEMBERS.idFromName(memberId));

export const limitsOf = (member: Member): Limits => ({ budget: member.budget, models: member.models, rpm: member.rpm, revokedAt: member.revokedAt });

/** Has every member object write its kept rows to D1 now, so a report reads every request. */
export async function flushLedgers(env: Env): Promise<void> {
  const { results } = await env.DB.prepare('SELECT id FROM members').all<{ id: string }>();
  await Promise.all(results.map(({ id }) => ledgerOf(env, id).flush(id)));
}
