import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversation, newId, saveMessage } from '../../../lib/conversations/store';
import { leaderboard, vote } from '../../../lib/conversations/votes';
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

async function comparison(costs: Record<string, number>, winner?: string) {
  const models = Object.keys(costs);
  const c = await createConversation(db, { title: 'q', model: null, mode: 'compare', models });
  for (const [i, model] of models.entries()) {
    await saveMessage(db, { id: newId('msg'), conversationId: c.id, role: 'assistant', content: 'a', createdAt: i, model, column: i, meta: { cost: costs[model] } });
  }
  if (winner) await vote(db, c.id, winner, models);
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
    await vote(db, c.id, 'b', ['a', 'b']);
    expect((await leaderboard(db)).map((r) => [r.model, r.wins])).toEqual([
      ['b', 1],
      ['a', 0],
    ]);
  });
});
