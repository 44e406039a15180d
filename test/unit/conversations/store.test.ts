import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createConversation,
  deleteConversation,
  deleteMessagesFrom,
  listConversations,
  loadMessages,
  newId,
  renameConversation,
  saveMessage,
  titleFrom,
} from '../../../lib/conversations/store';
import { LedgerDb } from '../../../lib/ledger/db';

let db: LedgerDb;
let name: string;
beforeEach(() => {
  name = `conv-${Math.random()}`;
  db = new LedgerDb(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const message = (conversationId: string, role: 'user' | 'assistant', content: string, createdAt: number) => ({ id: newId('msg'), conversationId, role, content, createdAt });

describe('conversations', () => {
  it('are titled from the first message, searched by title and content, renamed and deleted with their messages', async () => {
    const a = await createConversation(db, { title: 'How do hump yards work?\nAnd more', model: 'openai/gpt-4o' });
    const b = await createConversation(db, { title: 'Recipe ideas', model: null });
    await saveMessage(db, message(a.id, 'user', 'How do hump yards work?', 1));
    await saveMessage(db, message(b.id, 'user', 'Something with lentils', 2));
    expect(a.title).toBe('How do hump yards work? And more');
    expect((await listConversations(db, 'LENTILS')).map((c) => c.id)).toEqual([b.id]);
    expect((await listConversations(db, 'hump')).map((c) => c.id)).toEqual([a.id]);
    await renameConversation(db, a.id, 'Rail yards');
    expect((await listConversations(db, 'rail')).map((c) => c.title)).toEqual(['Rail yards']);
    await deleteConversation(db, b.id);
    expect(await db.messages.where('conversationId').equals(b.id).count()).toBe(0);
    expect((await listConversations(db)).map((c) => c.id)).toEqual([a.id]);
  });

  it('drop messages from a point on, for regenerate and edit', async () => {
    const c = await createConversation(db, { title: 'x', model: null });
    for (const [i, role] of (['user', 'assistant', 'user', 'assistant'] as const).entries()) await saveMessage(db, message(c.id, role, `m${i}`, 10 + i));
    await deleteMessagesFrom(db, c.id, 12);
    expect((await loadMessages(db, c.id)).map((m) => m.content)).toEqual(['m0', 'm1']);
  });

  it('keep a long title short and an empty one readable', () => {
    expect(titleFrom('a'.repeat(100))).toHaveLength(60);
    expect(titleFrom('   ')).toBe('New chat');
  });
});
