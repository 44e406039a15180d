import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversation, newId, saveMessage } from '../../../lib/conversations/store';
import { leaderboard, rankings, vote } from '../../../lib/conversations/votes';
import { LedgerDb } from '../../../lib/ledger/db';

let db: LedgerDb;
let name: string;
beforeEach(() => {
  name = `votes-${Math.random()}`;
  db = new LedgerDb(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

async function comparison(costs: Record<string, number>, winner?: string, prompt = 'q') {
  const models = Object.keys(costs);
  const c = await createConversation(db, { title: prompt, model: null, mode: 'compare', models });
  for (const [i, model] of models.entries()) {
    await saveMessage(db, { id: newId('msg'), conversationId: c.id, role: 'assistant', content: 'a', createdAt: i, model, column: i, meta: { cost: costs[model] } });
  }
  if (winner) await vote(db, c.id, winner, models, { prompt });
  return c;
}

describe('the leaderboard', () => {
  it('counts wins and comparisons, and what each win cost', async () => {
    await comparison({ a: 0.01, b: 0.002 }, 'a');
    await comparison({ a: 0.01, b: 0.002 }, 'b');
    await comparison({ a: 0.03, b: 0.004 }, 'a');
    await comparison({ c: 0.5 });
    expect(await leaderboard(db)).toEqual([
      { model: 'a', wins: 2, comparisons: 3, costPerWin: 0.025 },
      { model: 'b', wins: 1, comparisons: 3, costPerWin: 0.008 },
    ]);
  });

  it('keeps one vote per comparison: voting again replaces it', async () => {
    const c = await comparison({ a: 0.01, b: 0.01 }, 'a');
    await vote(db, c.id, 'b', ['a', 'b'], { prompt: 'q' });
    expect((await leaderboard(db)).map((r) => [r.model, r.wins])).toEqual([
      ['b', 1],
      ['a', 0],
    ]);
  });

  it('rates models per kind of prompt, older votes without a kind taking it from their prompt', async () => {
    await comparison({ a: 0.01, b: 0.01 }, 'a', 'Write a Python function that parses dates');
    await comparison({ a: 0.01, b: 0.01 }, 'a', 'Refactor this TypeScript class');
    await comparison({ a: 0.01, b: 0.01 }, 'b', 'Write a poem about the sea');
    const old = await comparison({ a: 0.01, b: 0.01 }, undefined, 'Draft an email to my landlord');
    await db.votes.add({ id: 'vote-old', conversationId: old.id, winner: 'b', models: ['a', 'b'], createdAt: 1 });
    const ranked = await rankings(db);
    expect(ranked.map((r) => [r.kind, r.votes])).toEqual([
      ['all', 4],
      ['code', 2],
      ['writing', 2],
    ]);
    expect(ranked.find((r) => r.kind === 'code')!.ratings[0]).toMatchObject({ model: 'a', wins: 2, votes: 2 });
    expect(ranked.find((r) => r.kind === 'writing')!.ratings[0]!.model).toBe('b');
    expect(ranked[0]!.ratings[0]!.rating).toBe(ranked[0]!.ratings[1]!.rating);
  });

  it('keeps whether a vote was blind', async () => {
    const c = await comparison({ a: 0.01, b: 0.01 });
    await vote(db, c.id, 'a', ['a', 'b'], { prompt: 'q', blind: true });
    expect(await db.votes.where('conversationId').equals(c.id).first()).toMatchObject({ blind: true, kind: 'general' });
  });
});
