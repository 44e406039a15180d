import type { ConversationRow, LedgerDb, MessageRow, SearchTermsRow } from '../ledger/db';
import { normalize, wordsOf } from '../search/terms';

/** The index format; a stored index of another version is rebuilt. */
export const SEARCH_INDEX_VERSION = 1;
const TITLE_KEY = '#title';
const META_KEY = 'searchIndex';

export type IndexState = {
  key: typeof META_KEY;
  version: number;
  /** Messages up to this id (in id order) are indexed; null before the first batch. */
  resumeAfter: string | null;
  done: boolean;
};

export const messageTerms = (message: Pick<MessageRow, 'id' | 'conversationId' | 'content'>): SearchTermsRow => ({
  conversationId: message.conversationId,
  key: message.id,
  terms: wordsOf(message.content),
});

export const titleTerms = (conversation: Pick<ConversationRow, 'id' | 'title'>): SearchTermsRow => ({
  conversationId: conversation.id,
  key: TITLE_KEY,
  terms: wordsOf(conversation.title),
});

export async function indexState(db: LedgerDb): Promise<IndexState> {
  const stored = (await db.meta.get(META_KEY)) as IndexState | undefined;
  return stored?.version === SEARCH_INDEX_VERSION ? stored : { key: META_KEY, version: SEARCH_INDEX_VERSION, resumeAfter: null, done: false };
}

/**
 * Indexes history written before the index existed, a batch at a time, yielding between batches so
 * the page stays responsive; resumes where it stopped if the page closes. Returns when all is indexed.
 */
export async function buildSearchIndex(db: LedgerDb, onProgress?: (indexed: number, total: number) => void, batch = 500): Promise<void> {
  let state = await indexState(db);
  if (state.done) return;
  if (state.resumeAfter === null) await db.searchTerms.clear();
  const total = await db.messages.count();
  let indexed = state.resumeAfter === null ? 0 : await db.messages.where('id').belowOrEqual(state.resumeAfter).count();
  for (;;) {
    const next = state.resumeAfter === null ? db.messages.orderBy('id') : db.messages.where('id').above(state.resumeAfter);
    const messages = await next.limit(batch).toArray();
    const conversations = messages.length ? [] : await db.conversations.toArray();
    await db.transaction('rw', db.searchTerms, db.meta, async () => {
      await db.searchTerms.bulkPut(messages.map(messageTerms));
      if (conversations.length) await db.searchTerms.bulkPut(conversations.map(titleTerms));
      state = { ...state, resumeAfter: messages.at(-1)?.id ?? state.resumeAfter, done: messages.length === 0 };
      await db.meta.put(state);
    });
    indexed += messages.length;
    onProgress?.(indexed, total);
    if (state.done) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The history the index does not hold yet, as search terms: while it is being built, the messages
 * past where it has got to, and every conversation's title (titles are indexed last).
 */
async function notYetIndexed(db: LedgerDb, words: string[]): Promise<SearchTermsRow[]> {
  const state = await indexState(db);
  if (state.done) return [];
  // Only rows holding one of the words are kept: the rest of a large history passes through.
  const relevant = (row: SearchTermsRow) => row.terms.some((t) => words.some((w, i) => (i === words.length - 1 ? t.startsWith(w) : t === w)));
  const rows: SearchTermsRow[] = [];
  await (state.resumeAfter === null ? db.messages.toCollection() : db.messages.where('id').above(state.resumeAfter)).each((message) => {
    const row = messageTerms(message);
    if (relevant(row)) rows.push(row);
  });
  await db.conversations.each((conversation) => {
    const row = titleTerms(conversation);
    if (relevant(row)) rows.push(row);
  });
  return rows;
}

export interface SearchHit {
  conversation: ConversationRow;
  /** Text around the first match in the conversation, for the result list. */
  snippet: string;
  score: number;
}

/** The query's words; the last may be half typed, so it matches as a prefix. */
export function queryWords(query: string): string[] {
  return wordsOf(query, 8);
}

/** A window of text around the first query word found in it. */
export function snippetOf(text: string, words: string[], radius = 60): string {
  const folded = normalize(text);
  // Folding keeps length for nearly all text; when it does not, the start of the text is shown.
  const sameLength = folded.length === text.length;
  const at = sameLength ? Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0)) : Infinity;
  if (!Number.isFinite(at)) return text.slice(0, radius * 2);
  const start = Math.max(0, at - radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, at + radius).trim()}${at + radius < text.length ? '…' : ''}`;
}

/**
 * Conversations whose title or messages hold every word of the query (the last as a prefix),
 * best first: more matching messages, title matches, then the most recent.
 */
export async function searchConversations(db: LedgerDb, query: string, limit = 50, mode?: 'chat' | 'compare'): Promise<SearchHit[]> {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const [indexed, unindexed] = await Promise.all([
    Promise.all(words.map((word, i) => (i === words.length - 1 ? db.searchTerms.where('terms').startsWith(word) : db.searchTerms.where('terms').equals(word)).primaryKeys())),
    notYetIndexed(db, words),
  ]);
  // What the index does not hold yet (older history while it is built) is read as it is.
  const matchesPerWord = indexed.map((keys, i) => {
    const matches = (terms: string[]) => (i === words.length - 1 ? terms.some((t) => t.startsWith(words[i]!)) : terms.includes(words[i]!));
    const seen = new Set(keys.map(([c, k]) => `${c}\u0000${k}`));
    const extra = unindexed.filter((row) => matches(row.terms) && !seen.has(`${row.conversationId}\u0000${row.key}`)).map((row): [string, string] => [row.conversationId, row.key]);
    return [...keys, ...extra];
  });
  // Rarest word first: the intersection only shrinks.
  matchesPerWord.sort((a, b) => a.length - b.length);
  const score = new Map<string, number>();
  const firstKey = new Map<string, string>();
  for (const [conversationId, key] of matchesPerWord[0] ?? []) {
    score.set(conversationId, (score.get(conversationId) ?? 0) + (key === TITLE_KEY ? 5 : 1));
    if (key !== TITLE_KEY && !firstKey.has(conversationId)) firstKey.set(conversationId, key);
  }
  for (const keys of matchesPerWord.slice(1)) {
    const present = new Set(keys.map(([conversationId]) => conversationId));
    for (const id of score.keys()) if (!present.has(id)) score.delete(id);
  }
  const conversations = (await db.conversations.bulkGet([...score.keys()])).filter((c): c is ConversationRow => Boolean(c) && (!mode || c!.mode === mode));
  conversations.sort((a, b) => score.get(b.id)! - score.get(a.id)! || b.updatedAt - a.updatedAt);
  const top = conversations.slice(0, limit);
  const messages = await db.messages.bulkGet(top.map((c) => firstKey.get(c.id) ?? ''));
  return top.map((conversation, i) => ({
    conversation,
    score: score.get(conversation.id)!,
    snippet: snippetOf(messages[i]?.content ?? conversation.title, words),
  }));
}
