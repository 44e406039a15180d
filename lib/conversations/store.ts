import type { ConversationRow, LedgerDb, MessageRow, PageContext } from '../ledger/db';
import { messageTerms, searchConversations, titleTerms } from './search-index';

/** Pages longer than this (several books) are cut when stored; the chip says so. */
const MAX_PAGE_CHARS = 2_000_000;
const TITLE_CHARS = 60;

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line || 'New chat';
}

function clip(page: PageContext): PageContext {
  if (page.tabs) {
    // Several tabs share what one page may keep.
    const each = Math.floor(MAX_PAGE_CHARS / page.tabs.length);
    const tabs = page.tabs.map((t) => (t.text.length > each ? { ...t, text: t.text.slice(0, each), clipped: true } : t));
    return { ...page, tabs, text: tabs.map((t) => t.text).join('\n\n') };
  }
  return page.text.length > MAX_PAGE_CHARS ? { ...page, text: page.text.slice(0, MAX_PAGE_CHARS), clipped: true } : page;
}

export async function createConversation(
  db: LedgerDb,
  init: { title: string; model: string | null; mode?: 'chat' | 'compare'; page?: PageContext; models?: string[]; blind?: boolean },
): Promise<ConversationRow> {
  const now = Date.now();
  const row: ConversationRow = {
    id: newId('conv'),
    title: titleFrom(init.title),
    mode: init.mode ?? 'chat',
    model: init.model,
    createdAt: now,
    updatedAt: now,
    ...(init.page ? { page: clip(init.page) } : {}),
    ...(init.models ? { models: init.models } : {}),
    ...(init.blind ? { blind: true } : {}),
  };
  await db.transaction('rw', db.conversations, db.searchTerms, async () => {
    await db.conversations.add(row);
    await db.searchTerms.put(titleTerms(row));
  });
  return row;
}

export async function updateConversation(db: LedgerDb, id: string, patch: Partial<Omit<ConversationRow, 'id'>>): Promise<void> {
  const page = patch.page ? { page: clip(patch.page) } : {};
  await db.transaction('rw', db.conversations, db.searchTerms, async () => {
    await db.conversations.update(id, { ...patch, ...page, updatedAt: Date.now() });
    if (patch.title !== undefined) await db.searchTerms.put(titleTerms({ id, title: patch.title }));
  });
}

export async function renameConversation(db: LedgerDb, id: string, title: string): Promise<void> {
  await updateConversation(db, id, { title: titleFrom(title) });
}

/** Deletes a conversation, its messages and its votes together. */
export async function deleteConversation(db: LedgerDb, id: string): Promise<void> {
  await db.transaction('rw', [db.conversations, db.messages, db.votes, db.searchTerms], async () => {
    await db.messages.where('conversationId').equals(id).delete();
    await db.votes.where('conversationId').equals(id).delete();
    await db.searchTerms.where('conversationId').equals(id).delete();
    await db.conversations.delete(id);
  });
}

export async function saveMessage(db: LedgerDb, message: MessageRow): Promise<void> {
  await db.transaction('rw', db.messages, db.conversations, db.searchTerms, async () => {
    await db.messages.put(message);
    await db.searchTerms.put(messageTerms(message));
    await db.conversations.update(message.conversationId, { updatedAt: Date.now() });
  });
}

/** Removes messages from a point on (regenerate, edit and resend). */
export async function deleteMessagesFrom(db: LedgerDb, conversationId: string, createdAt: number): Promise<void> {
  await db.transaction('rw', db.messages, db.searchTerms, async () => {
    const from = db.messages.where('[conversationId+createdAt]').between([conversationId, createdAt], [conversationId, Number.MAX_SAFE_INTEGER], true, true);
    const ids = (await from.primaryKeys()) as string[];
    await db.searchTerms.bulkDelete(ids.map((id): [string, string] => [conversationId, id]));
    await from.delete();
  });
}

export function loadMessages(db: LedgerDb, conversationId: string): Promise<MessageRow[]> {
  return db.messages.where('[conversationId+createdAt]').between([conversationId, 0], [conversationId, Number.MAX_SAFE_INTEGER]).toArray();
}

/** Conversations newest first; a search goes through the words index (./search-index.ts), best match first. */
export async function listConversations(db: LedgerDb, search = '', limit = 100, mode?: 'chat' | 'compare'): Promise<ConversationRow[]> {
  if (search.trim()) return (await searchConversations(db, search, limit, mode)).map((hit) => hit.conversation);
  return db.conversations
    .orderBy('updatedAt')
    .reverse()
    .filter((c) => !mode || c.mode === mode)
    .limit(limit)
    .toArray();
}
