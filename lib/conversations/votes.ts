import type { LedgerDb } from '../ledger/db';
import { PROMPT_KINDS, promptKind, type PromptKind } from '../gateway/prompt-kind';
import { bradleyTerry, type Rating } from '../ranking/bradley-terry';
import { newId } from './store';

export interface LeaderboardRow {
  model: string;
  wins: number;
  comparisons: number;
  /** Everything spent on this model's answers in comparisons, divided by its wins. */
  costPerWin: number | null;
}

/** Records the best answer of a comparison, with the kind of its prompt; a new vote replaces the old one. */
export async function vote(db: LedgerDb, conversationId: string, winner: string, models: string[], how: { prompt: string; blind?: boolean }): Promise<void> {
  const kind = promptKind(how.prompt);
  await db.transaction('rw', db.votes, async () => {
    await db.votes.where('conversationId').equals(conversationId).delete();
    await db.votes.add({ id: newId('vote'), conversationId, winner, models, createdAt: Date.now(), kind, ...(how.blind ? { blind: true } : {}) });
  });
}

export interface KindRanking {
  kind: PromptKind | 'all';
  votes: number;
  ratings: Rating[];
}

/** The user's ratings of models (Bradley–Terry on their votes), over all votes and per kind of prompt, most voted kinds first. */
export async function rankings(db: LedgerDb): Promise<KindRanking[]> {
  const votes = await db.votes.toArray();
  const missing = votes.filter((v) => !v.kind).map((v) => v.conversationId);
  const titles = new Map((await db.conversations.bulkGet(missing)).flatMap((c) => (c ? [[c.id, c.title] as const] : [])));
  const kinded = votes.map((v) => ({ winner: v.winner, models: v.models, kind: v.kind ?? promptKind(titles.get(v.conversationId) ?? '') }));
  const kinds = PROMPT_KINDS.map((kind) => kinded.filter((v) => v.kind === kind)).filter((list) => list.length > 0);
  kinds.sort((a, b) => b.length - a.length);
  return [
    { kind: 'all' as const, votes: kinded.length, ratings: bradleyTerry(kinded) },
    ...kinds.map((list) => ({ kind: list[0]!.kind, votes: list.length, ratings: bradleyTerry(list) })),
  ];
}

/** Wins per model over all votes, with what the model's comparison answers cost per win. */
export async function leaderboard(db: LedgerDb): Promise<LeaderboardRow[]> {
  const votes = await db.votes.toArray();
  const compareIds = (await db.conversations.where('mode').equals('compare').primaryKeys()) as string[];
  const answers = compareIds.length ? await db.messages.where('conversationId').anyOf(compareIds).filter((m) => m.role === 'assistant').toArray() : [];
  const rows = new Map<string, LeaderboardRow & { spent: number }>();
  const row = (model: string) => {
    let r = rows.get(model);
    if (!r) rows.set(model, (r = { model, wins: 0, comparisons: 0, costPerWin: null, spent: 0 }));
    return r;
  };
  for (const v of votes) {
    row(v.winner).wins++;
    for (const m of v.models) row(m).comparisons++;
  }
  for (const answer of answers) {
    const cost = (answer.meta as { cost?: number } | undefined)?.cost;
    // Only models that were ever voted on are ranked.
    if (answer.model && cost && rows.has(answer.model)) row(answer.model).spent += cost;
  }
  return [...rows.values()]
    .map(({ spent, ...r }) => ({ ...r, costPerWin: r.wins ? spent / r.wins : null }))
    .sort((a, b) => b.wins - a.wins || a.model.localeCompare(b.model));
}
