import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSearchIndex, indexState, searchConversations, snippetOf } from '../../../lib/conversations/search-index';
import { createConversation, deleteMessagesFrom, newId, renameConversation, saveMessage } from '../../../lib/conversations/store';
import { LedgerDb } from '../../../lib/ledger/db';
import { wordsOf } from '../../../lib/search/terms';

let db: LedgerDb;
let name: string;
beforeEach(() => {
  name = `search-${Math.random()}`;
  db = new LedgerDb(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const message = (conversationId: string, content: string, createdAt: number, role: 'user' | 'assistant' = 'user') => ({ id: newId('msg'), conversationId, role, content, createdAt });
const ids = async (query: string) => (await searchConversations(db, query)).map((hit) => hit.conversation.title);

describe('history search', () => {
  it('splits words in any script, folds case and accents', () => {
    expect(wordsOf('Le Café, c’est “ouvert” — 東京の天気は？ 42 km/h')).toEqual(expect.arrayContaining(['le', 'cafe', 'ouvert', '東京', '天気', '42', 'km', 'h']));
  });

  it('finds conversations holding every word (the last one as a prefix), title matches first, with a snippet around the match', async () => {
    const yards = await createConversation(db, { title: 'Hump yards', model: null });
    const trains = await createConversation(db, { title: 'Night trains', model: null });
    const food = await createConversation(db, { title: 'Dinner', model: null });
    await saveMessage(db, message(yards.id, 'How does a hump yard sort freight cars by destination?', 1));
    await saveMessage(db, message(trains.id, 'Which night trains still carry freight and sleeper cars?', 2));
    await saveMessage(db, message(food.id, 'A café recipe with lentils', 3));
    expect(await ids('freight cars')).toEqual(expect.arrayContaining(['Hump yards', 'Night trains']));
    expect(await ids('freight de')).toEqual(['Hump yards']);
    expect(await ids('hump')).toEqual(['Hump yards']);
    expect(await ids('CAFE lent')).toEqual(['Dinner']);
    expect(await ids('freight lentils')).toEqual([]);
    const [hit] = await searchConversations(db, 'sleeper');
    expect(hit!.snippet).toContain('sleeper cars');
    expect(snippetOf('x'.repeat(200) + ' needle ' + 'y'.repeat(200), ['needle'])).toMatch(/^…x+ needle y+…$/);
  });

  it('stays current: renamed titles, dropped messages', async () => {
    const c = await createConversation(db, { title: 'Old name', model: null });
    await saveMessage(db, message(c.id, 'first about turnouts', 1));
    await saveMessage(db, message(c.id, 'second about signals', 2));
    await renameConversation(db, c.id, 'Switches and signals');
    expect(await ids('switches')).toEqual(['Switches and signals']);
    expect(await ids('old')).toEqual([]);
    await deleteMessagesFrom(db, c.id, 2);
    expect(await ids('turnouts')).toEqual(['Switches and signals']);
    expect(await ids('about signals')).toEqual(['Switches and signals']); // the title still says signals
    expect(await ids('about second')).toEqual([]);
  });

  it('indexes history written before the index, a batch at a time, resuming where it stopped', async () => {
    const conversations = Array.from({ length: 30 }, (_, i) => ({ id: `conv_${i}`, title: `Chat ${i}`, mode: 'chat' as const, model: null, createdAt: i, updatedAt: i }));
    await db.conversations.bulkAdd(conversations);
    await db.messages.bulkAdd(conversations.flatMap((c, i) => [message(c.id, `question ${i} about ballast`, i), message(c.id, `answer ${i} about sleepers`, i, 'assistant')]));
    // Found before the index holds them: what it lacks is read as it is.
    expect(await ids('ballast')).toHaveLength(30);
    // A first run that stops after one batch (the panel closed), then a run that finishes.
    await expect(
      buildSearchIndex(db, () => {
        throw new Error('panel closed');
      }, 25),
    ).rejects.toThrow('panel closed');
    expect(await indexState(db)).toMatchObject({ done: false, resumeAfter: expect.any(String) });
    expect(await db.searchTerms.count()).toBe(25);
    // Half indexed: nothing is missed, and nothing counted twice.
    expect(await ids('ballast')).toHaveLength(30);
    expect(await ids('chat 7')).toEqual(['Chat 7']);
    const scoreOf = async () => (await searchConversations(db, 'question 3 ballast')).find((h) => h.conversation.id === 'conv_3')?.score;
    const halfIndexed = await scoreOf();
    const seen: number[] = [];
    await buildSearchIndex(db, (n) => seen.push(n), 25);
    expect(seen[0]).toBe(50);
    expect((await indexState(db)).done).toBe(true);
    expect(seen.at(-1)).toBe(60);
    expect(await ids('ballast')).toHaveLength(30);
    expect(await ids('chat 7')).toEqual(['Chat 7']);
    expect(await scoreOf()).toBe(halfIndexed);
  });
});
