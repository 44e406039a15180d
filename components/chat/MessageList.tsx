import { memo, useLayoutEffect, useRef } from 'react';
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
export const MessageList = memo(function MessageList({ messages, busy, onRegenerate, onEdit }: Props) {
  const end = useRef<HTMLDivElement>(null);
  const lastAnswer = messages.findLast((m) => m.role === 'assistant');
  // Before paint, so the answers near the end are the ones that render as markdown.
  useLayoutEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, which is no effect cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);
  return (
    <div className="sy-messages" role="log" aria-live="polite">
      {messages.map((m) => (
        <MessageView key={m.id} message={m} busy={busy} isLastAnswer={m === lastAnswer} onRegenerate={onRegenerate} onEdit={onEdit} />
      ))}
      <div ref={end} />
    </div>
  );
});
