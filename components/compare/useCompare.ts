import { useCallback, useEffect, useRef, useState } from 'react';
import { AnswerBuilder, type AnswerMeta } from '@/lib/chat/answer';
import { fitRequestOf, fittedPage, pagePrompt } from '@/lib/chat/page-prompt';
import { chatRequestBody } from '@/lib/chat/request-body';
import type { AskOptions } from '../chat/useConversation';
import { createConversation, loadMessages, newId, saveMessage } from '@/lib/conversations/store';
import { vote as saveVote } from '@/lib/conversations/votes';
import type { ConversationRow, LedgerDb, MessageRow, PageContext } from '@/lib/ledger/db';
import type { JobSource } from '@/lib/chat/jobs';
import { callBackground, connectStreamPort } from '@/lib/messaging/browser';
import { backgroundStreams } from '@/lib/messaging/contracts';
import { MessagingError } from '@/lib/messaging/rpc';
import { asCut } from '@/lib/chat/cut';
import { noRoomMessage, wordCount } from '@/lib/chat/page-fit-text';
import { openStream } from '@/lib/messaging/stream';
import { useFrameUpdates } from '../ui/useFrameUpdates';
import { shuffled } from '@/lib/ranking/shuffled';

export interface Column {
  model: string;
  content: string;
  meta?: AnswerMeta;
  error?: { code: string; message: string };
  streaming: boolean;
  stopped?: boolean;
  /** The page was cut to fit this model: how many of its words went. */
  pageCut?: { kept: number; total: number };
}

/** One prompt to 2–4 models at once, each answer streaming into its own column, stoppable one by one. */
export function useCompare(db: LedgerDb, ask: AskOptions = { thinking: 'default', reasons: () => false }) {
  // The latest choice, read when an answer is asked for (not a reason to rebuild the callbacks).
  const asking = useRef(ask);
  useEffect(() => {
    asking.current = ask;
  });
  const [conversation, setConversation] = useState<ConversationRow | null>(null);
  const [prompt, setPrompt] = useState('');
  const [promptImages, setPromptImages] = useState<string[]>([]);
  const [columns, setColumns] = useState<Column[]>([]);
  const [winner, setWinner] = useState<string | null>(null);
  const controllers = useRef<AbortController[]>([]);
  const busy = columns.some((c) => c.streaming);

  const patch = (index: number, change: Partial<Column>) => setColumns((all) => all.map((c, i) => (i === index ? { ...c, ...change } : c)));
  const inFrame = useFrameUpdates();

  const runColumn = useCallback(
    async (conv: ConversationRow, index: number, model: string, body: ReturnType<typeof chatRequestBody>, abort: AbortController, source: 'compare' | JobSource) => {
      const builder = new AnswerBuilder();
      const base: MessageRow = { id: newId('msg'), conversationId: conv.id, role: 'assistant', content: '', createdAt: Date.now(), model, column: index };
      try {
        for await (const chunk of openStream(backgroundStreams, connectStreamPort, 'chat.completions', { body: { ...body, model }, source }, { signal: abort.signal })) {
          builder.add(chunk);
          inFrame(`column-${index}`, () => patch(index, { content: builder.text, meta: builder.meta }));
        }
        builder.settleMarks();
        if (conv.page?.tabs) builder.citeNumbered(conv.page.tabs);
        patch(index, { content: builder.text, meta: builder.meta, streaming: false });
        await saveMessage(db, { ...base, content: builder.text, meta: builder.meta, requestId: builder.meta?.requestId });
      } catch (error) {
        const e = asCut(error instanceof MessagingError ? error : new MessagingError('internal_error', String(error)));
        const stopped = e.code === 'aborted';
        patch(index, stopped ? { content: builder.text, streaming: false, stopped: true } : { content: builder.text, streaming: false, error: { code: e.code, message: e.message } });
        await saveMessage(db, { ...base, content: builder.text, meta: builder.meta, ...(stopped ? { stopped: true } : { error: { code: e.code, message: e.message } }) });
      }
    },
    [db, inFrame],
  );

  const run = useCallback(
    async (text: string, chosen: string[], page: PageContext | undefined, source: 'compare' | JobSource = 'compare', blind = false, images: string[] = []) => {
      controllers.current.forEach((c) => c.abort());
      // Blind: the columns in an order the user cannot guess, named only after the vote.
      const models = blind ? shuffled(chosen) : chosen;
      // The new columns replace the old ones at once: the last comparison's answers must never
      // show under the new one's (unnamed, in a blind one) while it is being stored.
      setPrompt(text);
      setPromptImages(images);
      setWinner(null);
      setColumns(models.map((model) => ({ model, content: '', streaming: true })));
      const conv = await createConversation(db, { title: text, model: null, mode: 'compare', page, models, blind });
      setConversation(conv);
      await saveMessage(db, { id: newId('msg'), conversationId: conv.id, role: 'user', content: text, createdAt: Date.now(), ...(images.length ? { images } : {}) });
      controllers.current = models.map(() => new AbortController());
      await Promise.all(
        models.map(async (model, index) => {
          let pageSystem: string | undefined;
          if (page) {
            const fit = await callBackground('context.fit', { ...fitRequestOf(page), model, reserveTokens: Math.ceil(text.length / 4) }).catch(() => undefined);
            if (fit?.noRoom) {
              // No request with an empty page: the column says why, as an answer that failed would.
              const error = { code: 'page_no_room', message: noRoomMessage(asking.current.nameOf?.(model) ?? model, fit) };
              patch(index, { streaming: false, error });
              await saveMessage(db, { id: newId('msg'), conversationId: conv.id, role: 'assistant', content: '', createdAt: Date.now(), model, column: index, error });
              return;
            }
            if (fit?.trimmed) patch(index, { pageCut: { kept: wordCount(fit.text), total: wordCount(page.text) } });
            pageSystem = pagePrompt(fit ? fittedPage(page, fit) : page);
          }
          const { thinking, reasons, webSearch } = asking.current;
          const body = chatRequestBody({ model, reasons: reasons(model), thinking, pageSystem, webSearch, history: [{ role: 'user', content: text, images }] });
          await runColumn(conv, index, model, body, controllers.current[index]!, source);
        }),
      );
    },
    [db, runColumn],
  );

  const stop = useCallback((index?: number) => {
    if (index === undefined) controllers.current.forEach((c) => c.abort());
    else controllers.current[index]?.abort();
  }, []);

  const pick = useCallback(
    async (model: string) => {
      if (!conversation) return;
      await saveVote(db, conversation.id, model, columns.map((c) => c.model), { prompt, blind: conversation.blind });
      setWinner(model);
      await callBackground('votes.changed', {}).catch(() => undefined);
    },
    [columns, conversation, db, prompt],
  );

  const open = useCallback(
    async (id: string) => {
      const conv = await db.conversations.get(id);
      if (!conv) return;
      const messages = await loadMessages(db, id);
      const models = conv.models ?? [];
      setConversation(conv);
      const question = messages.find((m) => m.role === 'user');
      setPrompt(question?.content ?? conv.title);
      setPromptImages(question?.images ?? []);
      setColumns(
        models.map((model, index) => {
          const m = messages.find((x) => x.role === 'assistant' && x.column === index);
          return { model, content: m?.content ?? '', meta: m?.meta as AnswerMeta | undefined, error: m?.error, stopped: m?.stopped, streaming: false };
        }),
      );
      const v = await db.votes.where('conversationId').equals(id).first();
      setWinner(v?.winner ?? null);
    },
    [db],
  );

  /** Which model wrote which column is hidden: a blind comparison before its vote. */
  const hidden = Boolean(conversation?.blind) && winner === null;
  return { conversation, prompt, promptImages, columns, busy, winner, hidden, run, stop, pick, open };
}
