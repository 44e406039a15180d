import { useCallback, useEffect, useRef, useState } from 'react';
import { AnswerBuilder, type AnswerMeta } from '@/lib/chat/answer';
import { fitRequestOf, fittedPage, pagePrompt } from '@/lib/chat/page-prompt';
import { chatRequestBody, type ThinkingChoice } from '@/lib/chat/request-body';
import { createConversation, deleteMessagesFrom, loadMessages, newId, saveMessage, updateConversation } from '@/lib/conversations/store';
import type { ConversationRow, LedgerDb, MessageRow, PageContext } from '@/lib/ledger/db';
import { callBackground, connectStreamPort } from '@/lib/messaging/browser';
import { backgroundStreams } from '@/lib/messaging/contracts';
import { MessagingError } from '@/lib/messaging/rpc';
import { asCut } from '@/lib/chat/cut';
import { noRoomMessage } from '@/lib/chat/page-fit-text';
import { openStream } from '@/lib/messaging/stream';
import { useFrameUpdates } from '../ui/useFrameUpdates';

export interface ChatMessage extends MessageRow {
  meta?: AnswerMeta;
  streaming?: boolean;
}

const roughTokens = (text: string) => Math.ceil(text.length / 4);

/** What a conversation's messages take of a window, roughly (the background counts exactly near the limit). */
export const conversationTokens = (messages: readonly { content: string }[]) => messages.reduce((n, m) => n + roughTokens(m.content), 0);

/** How answers are asked for: the thinking control, and which models it applies to. */
export interface AskOptions {
  thinking: ThinkingChoice;
  /** Whether answers search the web. */
  webSearch?: boolean;
  reasons(model: string): boolean;
  /** A model's name as the user knows it, for messages about it. */
  nameOf?(model: string): string;
}

const DEFAULT_ASK: AskOptions = { thinking: 'default', reasons: () => false };

/** A conversation kept in IndexedDB, whose answers stream from the background. */
export function useConversation(db: LedgerDb, source: 'sidepanel' | 'context-menu' = 'sidepanel', ask: AskOptions = DEFAULT_ASK) {
  // The latest choice, read when an answer is asked for (not a reason to rebuild the callbacks).
  const asking = useRef(ask);
  useEffect(() => {
    asking.current = ask;
  });
  const [conversation, setConversation] = useState<ConversationRow | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [pendingPage, setPendingPage] = useState<PageContext | undefined>();
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const page = conversation ? conversation.page : pendingPage;

  const patch = (id: string, change: Partial<ChatMessage>) => setMessages((all) => all.map((m) => (m.id === id ? { ...m, ...change } : m)));
  const inFrame = useFrameUpdates();

  /** Streams an answer to `history` (which ends with a user message) and stores it. */
  const answer = useCallback(
    async (conv: ConversationRow, history: ChatMessage[], model: string, from: typeof source = source) => {
      const reply: ChatMessage = { id: newId('msg'), conversationId: conv.id, role: 'assistant', content: '', createdAt: Date.now(), model, streaming: true };
      setMessages([...history, reply]);
      setBusy(true);
      const abort = new AbortController();
      controller.current = abort;
      const builder = new AnswerBuilder();
      try {
        let pageSystem: string | undefined;
        if (conv.page) {
          const fit = await callBackground('context.fit', { ...fitRequestOf(conv.page), model, reserveTokens: conversationTokens(history) });
          // Never an empty page in the prompt: the answer says why nothing was sent.
          if (fit.noRoom) throw new MessagingError('page_no_room', noRoomMessage(asking.current.nameOf?.(model) ?? model, fit));
          pageSystem = pagePrompt(fittedPage(conv.page, fit));
        }
        const { thinking, reasons, webSearch } = asking.current;
        const body = chatRequestBody({ model, reasons: reasons(model), thinking, pageSystem, history, webSearch });
        for await (const chunk of openStream(backgroundStreams, connectStreamPort, 'chat.completions', { body, source: from }, { signal: abort.signal })) {
          builder.add(chunk);
          inFrame(reply.id, () => patch(reply.id, { content: builder.text, reasoning: builder.reasoning, meta: builder.meta }));
        }
        builder.settleMarks();
        if (conv.page?.tabs) builder.citeNumbered(conv.page.tabs);
        const done: ChatMessage = {
          ...reply,
          content: builder.text,
          reasoning: builder.reasoning || undefined,
          ...(builder.reasoningDetails.length ? { reasoningDetails: builder.reasoningDetails } : {}),
          meta: builder.meta,
          requestId: builder.meta?.requestId,
          streaming: false,
        };
        // Stored before it shows as done: an answer that looks finished is on disk.
        await saveMessage(db, stored(done));
        patch(reply.id, done);
      } catch (error) {
        const e = asCut(error instanceof MessagingError ? error : new MessagingError('internal_error', error instanceof Error ? error.message : String(error)));
        const ended: ChatMessage =
          e.code === 'aborted'
            ? { ...reply, content: builder.text, meta: builder.meta, streaming: false, stopped: true }
            : { ...reply, content: builder.text, meta: builder.meta, streaming: false, error: { code: e.code, message: e.message } };
        await saveMessage(db, stored(ended));
        patch(reply.id, ended);
      } finally {
        setBusy(false);
        controller.current = null;
      }
    },
    [db, source, inFrame],
  );

  const send = useCallback(
    async (text: string, model: string, images: string[] = []) => {
      let conv = conversation;
      if (!conv) {
        conv = await createConversation(db, { title: text, model, page: pendingPage });
        setConversation(conv);
        setPendingPage(undefined);
      } else if (conv.model !== model) {
        await updateConversation(db, conv.id, { model });
        conv = { ...conv, model };
        setConversation(conv);
      }
      const user: ChatMessage = { id: newId('msg'), conversationId: conv.id, role: 'user', content: text, createdAt: Date.now(), ...(images.length ? { images } : {}) };
      await saveMessage(db, user);
      const history = [...messages.filter((m) => !m.error && !m.streaming), user];
      await answer(conv, history, model);
    },
    [answer, conversation, db, messages, pendingPage],
  );

  /** A new conversation that starts with a prompt (and maybe a page), as the context menu asks. */
  const startWith = useCallback(
    async (prompt: string, model: string, withPage: PageContext | undefined, from: typeof source) => {
      controller.current?.abort();
      setPendingPage(undefined);
      const conv = await createConversation(db, { title: prompt.split('\n')[0] ?? prompt, model, page: withPage });
      setConversation(conv);
      const user: ChatMessage = { id: newId('msg'), conversationId: conv.id, role: 'user', content: prompt, createdAt: Date.now() };
      await saveMessage(db, user);
      await answer(conv, [user], model, from);
    },
    [answer, db],
  );

  /** Asks again for the last answer (after an error, a stop, or just for another take). */
  const regenerate = useCallback(
    async (model: string) => {
      if (!conversation) return;
      const lastUser = messages.findLastIndex((m) => m.role === 'user');
      if (lastUser < 0) return;
      const after = messages[lastUser + 1];
      if (after) await deleteMessagesFrom(db, conversation.id, after.createdAt);
      await answer(conversation, messages.slice(0, lastUser + 1), model);
    },
    [answer, conversation, db, messages],
  );

  /** Replaces a user message and everything after it, and asks again. */
  const editAndResend = useCallback(
    async (messageId: string, text: string, model: string) => {
      if (!conversation) return;
      const index = messages.findIndex((m) => m.id === messageId);
      if (index < 0) return;
      await deleteMessagesFrom(db, conversation.id, messages[index]!.createdAt);
      const user: ChatMessage = { id: newId('msg'), conversationId: conversation.id, role: 'user', content: text, createdAt: Date.now() };
      await saveMessage(db, user);
      await answer(conversation, [...messages.slice(0, index), user], model);
    },
    [answer, conversation, db, messages],
  );

  const open = useCallback(
    async (id: string) => {
      const conv = await db.conversations.get(id);
      if (!conv) return;
      setConversation(conv);
      setMessages((await loadMessages(db, id)) as ChatMessage[]);
      setPendingPage(undefined);
    },
    [db],
  );

  const newChat = useCallback(() => {
    controller.current?.abort();
    setConversation(null);
    setMessages([]);
    setPendingPage(undefined);
  }, []);

  const setPage = useCallback(
    async (next: PageContext | undefined) => {
      if (conversation) {
        await updateConversation(db, conversation.id, { page: next });
        setConversation({ ...conversation, page: next });
      } else setPendingPage(next);
    },
    [conversation, db],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  return { conversation, messages, busy, page, send, startWith, regenerate, editAndResend, open, newChat, setPage, stop };
}

function stored(message: ChatMessage): MessageRow {
  const { streaming: _streaming, ...row } = message;
  return row;
}
