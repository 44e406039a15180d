import type { ConversationRow, LedgerDb, MessageRow, PageContext } from '../ledger/db';

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
  return page.text.length > MAX_PAGE_CHARS ? { ...page, text: page.text.slice(0, MAX_PAGE_CHARS), clipped: true } : page;
}

export async function createConversation(
  db: LedgerDb,
  init: { title: string; model: string | null; mode?: 'chat' | 'compare'; page?: PageContext; models?: string[] },
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
  };
  await db.conversations.add(row);
  return row;
}

export async function updateConversation(db: LedgerDb, id: string, patch: Partial<Omit<ConversationRow, 'id'>>): Promise<void> {
  const page = patch.page ? { page: clip(patch.page) } : {};
  await db.conversations.update(id, { ...patch, ...page, updatedAt: Date.now() });
}

export async function renameConversation(db: LedgerDb, id: string, title: string): Promise<void> {
  await updateConversation(db, id, { title: titleFrom(title) });
}

/** Deletes a conversation, its messages and its votes together. */
export async function deleteConversation(db: LedgerDb, id: string): Promise<void> {
  await db.transaction('rw', db.conversations, db.messages, db.votes, async () => {
    await db.messages.where('conversationId').equals(id).delete();
    await db.votes.where('conversationId').equals(id).delete();
    await db.conversations.delete(id);
  });
}

export async function saveMessage(db: LedgerDb, message: MessageRow): Promise<void> {
  await db.transaction('rw', db.messages, db.conversations, async () => {
    await db.messages.put(message);
    await db.conversations.update(message.conversationId, { updatedAt: Date.now() });
  });
}

/** Removes messages from a point on (regenerate, edit and resend). */
export async function deleteMessagesFrom(db: LedgerDb, conversationId: string, createdAt: number): Promise<void> {
  await db.messages
    .where('[conversationId+createdAt]')
    .between([conversationId, createdAt], [conversationId, Number.MAX_SAFE_INTEGER], true, true)
    .delete();
}

export function loadMessages(db: LedgerDb, conversationId: string): Promise<MessageRow[]> {
  return db.messages.where('[conversationId+createdAt]').between([conversationId, 0], [conversationId, Number.MAX_SAFE_INTEGER]).toArray();
}

/** Conversations newest first; a search matches titles and message text, case-insensitively. */
export async function listConversations(db: LedgerDb, search = '', limit = 100, mode?: 'chat' | 'compare'): Promise<ConversationRow[]> {
  const query = search.trim().toLowerCase();
  const recent = db.conversations.orderBy('updatedAt').reverse();
  const modeOk = (c: ConversationRow) => !mode || c.mode === mode;
  if (!query) return recent.filter(modeOk).limit(limit).toArray();
  const hits = await db.messages.filter((m) => m.content.toLowerCase().includes(query)).toArray();
  const inMessages = new Set(hits.map((m) => m.conversationId));
  return recent.filter((c) => modeOk(c) && (c.title.toLowerCase().includes(query) || inMessages.has(c.id))).limit(limit).toArray();
}
