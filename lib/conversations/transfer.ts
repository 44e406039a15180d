import * as z from 'zod/mini';
import { ReasoningDetail } from '../gateway/reasoning';
import { PROMPT_KINDS } from '../gateway/prompt-kind';
import type { LedgerDb, MessageRow } from '../ledger/db';
import { MAX_TABS } from '../page/tabs';
import { messageTerms, titleTerms } from './search-index';
import { loadMessages, newId, titleFrom } from './store';

export const EXPORT_FORMAT = 'switchyard.conversation';
const MAX_TEXT = 5_000_000;

const Text = z.string().check(z.maxLength(MAX_TEXT));
const Time = z.number().check(z.nonnegative());

const ExportedTab = z.object({ url: Text, title: Text, text: Text, favIconUrl: z.optional(Text), clipped: z.optional(z.boolean()) });
const ExportedPage = z.object({
  url: Text,
  title: Text,
  text: Text,
  kind: z.enum(['page', 'selection', 'tabs']),
  clipped: z.optional(z.boolean()),
  tabs: z.optional(z.array(ExportedTab).check(z.maxLength(MAX_TABS))),
});

const ExportedMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: Text,
  createdAt: Time,
  model: z.optional(z.string()),
  column: z.optional(z.int().check(z.nonnegative(), z.maximum(3))),
  reasoning: z.optional(Text),
  reasoningDetails: z.optional(z.array(ReasoningDetail)),
  meta: z.optional(z.unknown()),
  error: z.optional(z.object({ code: z.string(), message: Text })),
  stopped: z.optional(z.boolean()),
});

/** A conversation or comparison as a file: what the side panel exports and imports back. */
export const ConversationExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: Time,
  conversation: z.object({
    title: Text,
    mode: z.enum(['chat', 'compare']),
    model: z.nullable(z.string()),
    createdAt: Time,
    updatedAt: Time,
    page: z.optional(ExportedPage),
    models: z.optional(z.array(z.string()).check(z.minLength(2), z.maxLength(4))),
    blind: z.optional(z.boolean()),
  }),
  messages: z.array(ExportedMessage).check(z.maxLength(100_000)),
  vote: z.optional(z.object({ winner: z.string(), models: z.array(z.string()), createdAt: Time, kind: z.optional(z.enum(PROMPT_KINDS)), blind: z.optional(z.boolean()) })),
});
export type ConversationExport = z.infer<typeof ConversationExport>;

/** Everything of a conversation except the ids this database gave it (an import gets new ones). */
export async function exportConversation(db: LedgerDb, id: string): Promise<ConversationExport> {
  const conversation = await db.conversations.get(id);
  if (!conversation) throw new Error('That conversation no longer exists.');
  const [messages, vote] = await Promise.all([loadMessages(db, id), db.votes.where('conversationId').equals(id).first()]);
  const { id: _id, ...rest } = conversation;
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: Date.now(),
    conversation: rest,
    messages: messages.map(({ id: _m, conversationId: _c, requestId: _r, ...message }) => message),
    ...(vote ? { vote: { winner: vote.winner, models: vote.models, createdAt: vote.createdAt, ...(vote.kind ? { kind: vote.kind } : {}), ...(vote.blind ? { blind: true } : {}) } } : {}),
  };
}

export class ImportError extends Error {}

/**
 * Adds a conversation from an exported file, as a new conversation beside the others: nothing
 * existing is touched, and a file that does not validate adds nothing.
 */
export async function importConversation(db: LedgerDb, text: string): Promise<string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('This file is not JSON. Choose a conversation exported from Switchyard as JSON.');
  }
  const parsed = ConversationExport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new ImportError(`This is not a Switchyard conversation file${where}: ${issue?.message ?? 'invalid'}. Nothing was imported.`);
  }
  const file = parsed.data;
  const id = newId('conv');
  const conversation = { ...file.conversation, id, title: titleFrom(file.conversation.title) };
  const messages: MessageRow[] = file.messages.map((m) => ({ ...m, id: newId('msg'), conversationId: id }));
  await db.transaction('rw', [db.conversations, db.messages, db.votes, db.searchTerms], async () => {
    await db.conversations.add(conversation);
    await db.messages.bulkAdd(messages);
    await db.searchTerms.bulkPut([titleTerms(conversation), ...messages.map(messageTerms)]);
    if (file.vote) await db.votes.add({ id: newId('vote'), conversationId: id, ...file.vote });
  });
  return id;
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** The conversation as Markdown to read or share: questions, answers with their model, a comparison's columns and vote. */
export function conversationMarkdown(file: ConversationExport): string {
  const { conversation, messages, vote } = file;
  const lines = [`# ${conversation.title}`, ''];
  const about = [conversation.mode === 'compare' ? `Comparison of ${(conversation.models ?? []).join(', ')}` : conversation.model ? `Chat with ${conversation.model}` : 'Chat', when(conversation.createdAt)];
  lines.push(`_${about.join(' · ')}_`, '');
  if (conversation.page) lines.push(`> About: [${conversation.page.title || conversation.page.url}](${conversation.page.url})${conversation.page.kind === 'selection' ? ' (a selection)' : ''}`, '');
  for (const m of messages) {
    if (m.role === 'system') continue;
    const heading = m.role === 'user' ? 'You' : `${m.model ?? 'Assistant'}${vote && vote.winner === m.model ? ' ★ best' : ''}`;
    lines.push(`## ${heading}`, '', m.content || (m.error ? `_Failed: ${m.error.message}_` : m.stopped ? '_Stopped._' : ''), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
