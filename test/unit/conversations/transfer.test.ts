import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversation, loadMessages, newId, saveMessage } from '../../../lib/conversations/store';
import { searchConversations } from '../../../lib/conversations/search-index';
import { conversationMarkdown, exportConversation, importConversation } from '../../../lib/conversations/transfer';
import { vote } from '../../../lib/conversations/votes';
import { LedgerDb } from '../../../lib/ledger/db';

let db: LedgerDb;
let name: string;
beforeEach(() => {
  name = `transfer-${Math.random()}`;
  db = new LedgerDb(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const withoutIds = <T extends { id?: string; conversationId?: string }>(rows: T[]) => rows.map(({ id: _i, conversationId: _c, ...rest }) => rest);

async function chat() {
  const c = await createConversation(db, { title: 'Rail yards', model: 'anthropic/claude-sonnet-4-5', page: { url: 'http://127.0.0.1/yard', title: 'Hump yards', text: 'A hump yard sorts wagons by gravity.', kind: 'page' } });
  await saveMessage(db, { id: newId('msg'), conversationId: c.id, role: 'user', content: 'What is a hump yard?', createdAt: 1 });
  await saveMessage(db, {
    id: newId('msg'),
    conversationId: c.id,
    role: 'assistant',
    content: 'A yard that sorts **wagons** by gravity.',
    createdAt: 2,
    model: 'anthropic/claude-sonnet-4-5',
    requestId: 'chatcmpl-1',
    reasoningDetails: [{ type: 'reasoning.text', text: 'think', signature: 'sig', format: 'anthropic-claude-v1', index: 0 }],
    meta: { cost: 0.0012, provider: 'anthropic' },
  });
  return c;
}

describe('exporting and importing a conversation', () => {
  it('gives the same conversation back as a new one, found by search, the original untouched', async () => {
    const original = await chat();
    const file = await exportConversation(db, original.id);
    const id = await importConversation(db, JSON.stringify(file));
    expect(id).not.toBe(original.id);
    const copy = (await db.conversations.get(id))!;
    const { id: _a, ...left } = copy;
    const { id: _b, ...right } = (await db.conversations.get(original.id))!;
    expect(left).toEqual(right);
    const [copied, kept] = await Promise.all([loadMessages(db, id), loadMessages(db, original.id)]);
    expect(withoutIds(copied)).toEqual(withoutIds(kept).map(({ requestId: _r, ...m }) => m));
    expect((await searchConversations(db, 'wagons gravity', 10)).map((h) => h.conversation.id).sort()).toEqual([original.id, id].sort());
  });

  it('keeps a comparison’s columns and its vote', async () => {
    const c = await createConversation(db, { title: 'Write a haiku', model: null, mode: 'compare', models: ['a/x', 'b/y'], blind: true });
    await saveMessage(db, { id: newId('msg'), conversationId: c.id, role: 'user', content: 'Write a haiku', createdAt: 1 });
    await saveMessage(db, { id: newId('msg'), conversationId: c.id, role: 'assistant', content: 'one', createdAt: 2, model: 'a/x', column: 0 });
    await saveMessage(db, { id: newId('msg'), conversationId: c.id, role: 'assistant', content: 'two', createdAt: 2, model: 'b/y', column: 1 });
    await vote(db, c.id, 'b/y', ['a/x', 'b/y'], { prompt: 'Write a haiku', blind: true });
    const file = await exportConversation(db, c.id);
    const id = await importConversation(db, JSON.stringify(file));
    expect(await db.votes.where('conversationId').equals(id).first()).toMatchObject({ winner: 'b/y', kind: 'writing', blind: true });
    expect((await db.conversations.get(id))!.models).toEqual(['a/x', 'b/y']);
    const markdown = conversationMarkdown(file);
    expect(markdown).toContain('Comparison of a/x, b/y');
    expect(markdown).toContain('## b/y ★ best\n\ntwo');
  });

  it.each([
    ['not JSON', '{oops', /not JSON/],
    ['another kind of file', JSON.stringify({ providers: [] }), /not a Switchyard conversation file \(at format\)/],
    ['a damaged message', JSON.stringify({ format: 'switchyard.conversation', version: 1, exportedAt: 1, conversation: { title: 't', mode: 'chat', model: null, createdAt: 1, updatedAt: 1 }, messages: [{ role: 'wizard', content: 'x', createdAt: 1 }] }), /at messages\.0\.role/],
  ])('refuses %s with a clear error and adds nothing', async (_what, text, message) => {
    await chat();
    const before = [await db.conversations.count(), await db.messages.count(), await db.searchTerms.count()];
    await expect(importConversation(db, text)).rejects.toThrow(message);
    expect([await db.conversations.count(), await db.messages.count(), await db.searchTerms.count()]).toEqual(before);
  });

  it('writes Markdown a person can read: title, model, page, questions and answers', async () => {
    const c = await chat();
    const markdown = conversationMarkdown(await exportConversation(db, c.id));
    expect(markdown).toMatch(/^# Rail yards\n\n_Chat with anthropic\/claude-sonnet-4-5 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}_\n\n> About: \[Hump yards\]\(http:\/\/127\.0\.0\.1\/yard\)\n\n## You\n\nWhat is a hump yard\?\n\n## anthropic\/claude-sonnet-4-5\n\nA yard that sorts \*\*wagons\*\* by gravity\.\n$/);
  });
});
