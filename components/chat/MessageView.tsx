import { memo, useState } from 'react';
import { ImageStrip } from './ImageStrip';
import { Button } from '../ui/Button';
import { useNearViewport } from '../ui/useNearViewport';
import { AnswerMetaLine } from './AnswerMetaLine';
import { Markdown, PlainText } from './Markdown';
import { isCut } from '@/lib/chat/cut';
import { withCitationMarks } from '@/lib/chat/citations';
import { Sources } from './Sources';
import type { ChatMessage } from './useConversation';

interface Props {
  message: ChatMessage;
  isLastAnswer: boolean;
  busy: boolean;
  onRegenerate(): void;
  onEdit(messageId: string, text: string): void;
}

/**
 * One message: markdown for answers, the meta line, and copy / regenerate / edit. An answer far
 * from the viewport shows as plain text (still there for find-in-page and copy) until it comes near.
 */
export const MessageView = memo(function MessageView({ message, isLastAnswer, busy, onRegenerate, onEdit }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [ref, near] = useNearViewport<HTMLElement>();
  const isUser = message.role === 'user';
  const citations = message.meta?.citations ?? [];
  // Cited spans carry their sources' numbers once the answer is whole (the spans are known then).
  const shown = citations.length && !message.streaming ? withCitationMarks(message.content, citations) : message.content;
  const answer = near || message.streaming ? <Markdown text={shown} live={message.streaming} /> : <PlainText text={message.content} />;

  if (editing !== null) {
    return (
      <article className="sy-message" data-role="user">
        <form
          className="sy-edit"
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.trim()) onEdit(message.id, editing.trim());
            setEditing(null);
          }}
        >
          <textarea aria-label="Edit message" value={editing} rows={3} onChange={(e) => setEditing(e.target.value)} autoFocus />
          <div className="sy-row">
            <Button variant="primary" type="submit">
              Send again
            </Button>
            <Button onClick={() => setEditing(null)}>Cancel</Button>
          </div>
        </form>
      </article>
    );
  }

  return (
    <article ref={ref} className="sy-message" data-role={message.role} data-testid={`message-${message.role}`}>
      <ImageStrip images={message.images ?? []} label={(i) => `Image ${i + 1} sent with this question`} />
      {(message.content || message.streaming) && <div className="sy-bubble">{isUser ? message.content : message.content ? answer : <span className="sy-typing">…</span>}</div>}
      {message.error && isCut(message.error) ? (
        <div className="sy-alert sy-cut" role="alert" data-testid="chat-cut">
          <p>
            <strong>Cut off.</strong> {message.error.message}
          </p>
          {isLastAnswer && (
            <Button variant="primary" onClick={onRegenerate} disabled={busy}>
              Retry
            </Button>
          )}
        </div>
      ) : (
        message.error && (
          <p className="sy-alert" role="alert" data-testid="chat-error">
            {message.error.message}
          </p>
        )
      )}
      {message.stopped && <p className="sy-small sy-muted">Stopped.</p>}
      {!isUser && citations.length > 0 && !message.streaming && <Sources citations={citations} />}
      {!isUser && message.meta && !message.streaming && <AnswerMetaLine meta={message.meta} />}
      {!message.streaming && (
        <div className="sy-actions">
          <button
            type="button"
            className="sy-link-button"
            onClick={() => void navigator.clipboard.writeText(message.content).then(() => setCopied(true))}
            disabled={!message.content}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          {isUser && (
            <button type="button" className="sy-link-button" onClick={() => setEditing(message.content)} disabled={busy}>
              Edit
            </button>
          )}
          {!isUser && isLastAnswer && !isCut(message.error) && (
            <button type="button" className="sy-link-button" onClick={onRegenerate} disabled={busy} data-testid="regenerate">
              Regenerate
            </button>
          )}
        </div>
      )}
    </article>
  );
});
