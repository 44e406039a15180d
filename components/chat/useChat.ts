import { useCallback, useRef, useState } from 'react';
import { AnswerBuilder, type AnswerMeta } from '@/lib/chat/answer';
import { connectStreamPort } from '@/lib/messaging/browser';
import { backgroundStreams } from '@/lib/messaging/contracts';
import { MessagingError } from '@/lib/messaging/rpc';
import { openStream } from '@/lib/messaging/stream';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  reasoning?: string;
  meta?: AnswerMeta;
  error?: { code: string; message: string };
  streaming?: boolean;
  stopped?: boolean;
}

let counter = 0;
const nextId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A chat whose answers stream from the background; stop aborts the upstream request. */
export function useChat(source: 'sidepanel' | 'compare' = 'sidepanel') {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const update = (id: string, patch: Partial<ChatMessage>) =>
    setMessages((all) => all.map((m) => (m.id === id ? { ...m, ...patch } : m)));

  const send = useCallback(
    async (text: string, model: string, context?: string) => {
      const user: ChatMessage = { id: nextId(), role: 'user', content: text };
      const answer: ChatMessage = { id: nextId(), role: 'assistant', content: '', streaming: true };
      const history = [...messages.filter((m) => !m.error), user];
      setMessages((all) => [...all, user, answer]);
      setBusy(true);
      const abort = new AbortController();
      controller.current = abort;
      const builder = new AnswerBuilder();
      const body = {
        model,
        messages: [
          ...(context ? [{ role: 'system', content: context }] : []),
          ...history.map((m) => ({ role: m.role, content: m.content })),
        ],
      };
      try {
        for await (const chunk of openStream(backgroundStreams, connectStreamPort, 'chat.completions', { body, source }, { signal: abort.signal })) {
          builder.add(chunk);
          update(answer.id, { content: builder.text, reasoning: builder.reasoning, meta: builder.meta });
        }
        update(answer.id, { streaming: false });
      } catch (error) {
        const e = error instanceof MessagingError ? error : new MessagingError('internal_error', String(error));
        if (e.code === 'aborted') update(answer.id, { streaming: false, stopped: true });
        else update(answer.id, { streaming: false, error: { code: e.code, message: e.message } });
      } finally {
        setBusy(false);
        controller.current = null;
      }
    },
    [messages, source],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setMessages([]), []);

  return { messages, busy, send, stop, reset };
}
