import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { MessageView } from './MessageView';
import type { ChatMessage } from './useConversation';

interface Props {
  messages: ChatMessage[];
  busy: boolean;
  onRegenerate(): void;
  onEdit(messageId: string, text: string): void;
}

/**
 * The conversation. Its props do not change while the user types, so a keystroke does not touch
 * it, however long the conversation; it keeps the newest message in view.
 */
const toBottom = () => scrollTo({ top: document.documentElement.scrollHeight });
const nearBottom = () => document.documentElement.scrollHeight - scrollY - innerHeight < 80;

export const MessageList = memo(function MessageList({ messages, busy, onRegenerate, onEdit }: Props) {
  const list = useRef<HTMLDivElement>(null);
  // Follows the end while the user is there: a streaming answer, or answers growing into markdown.
  const pinned = useRef(true);
  const conversation = messages[0]?.conversationId;
  const lastAnswer = messages.findLast((m) => m.role === 'assistant');

  // Before paint, so the answers near the end are the ones that render as markdown.
  const asked = messages.filter((m) => m.role === 'user').length;
  // A conversation opened, or a question sent: to the end, and follow it.
  useLayoutEffect(() => {
    pinned.current = true;
    toBottom();
  }, [conversation, asked]);
  useLayoutEffect(() => {
    if (pinned.current) toBottom();
  }, [messages]);
  useEffect(() => {
    const onScroll = () => {
      pinned.current = nearBottom();
    };
    const resized = new ResizeObserver(() => pinned.current && toBottom());
    if (list.current) resized.observe(list.current);
    addEventListener('scroll', onScroll, { passive: true });
    return () => {
      resized.disconnect();
      removeEventListener('scroll', onScroll);
    };
  }, []);
  return (
    <div ref={list} className="sy-messages" role="log" aria-live="polite">
      {messages.map((m) => (
        <MessageView key={m.id} message={m} busy={busy} isLastAnswer={m === lastAnswer} onRegenerate={onRegenerate} onEdit={onEdit} />
      ))}
    </div>
  );
});
