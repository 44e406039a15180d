import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import browser from 'webextension-polyfill';
import { Button } from '../ui/Button';
import { AnswerMetaLine } from './AnswerMetaLine';
import { useChat } from './useChat';
import { useModels } from './useModels';

/** Chat with any configured model; answers stream from the background. */
export function ChatView() {
  const { models, model, setModel, error: modelsError } = useModels();
  const { messages, busy, send, stop, reset } = useChat('sidepanel');
  const [draft, setDraft] = useState('');
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, which is no effect cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  function submit() {
    const text = draft.trim();
    if (!text || busy || !model) return;
    setDraft('');
    void send(text, model);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && busy) {
      event.preventDefault();
      stop();
    }
  }

  if (models && models.length === 0) {
    return (
      <section className="sy-card sy-empty" data-testid="no-models">
        <h2>Add a provider to start</h2>
        <p className="sy-muted">
          Switchyard uses your own keys. Add a key for OpenAI, Anthropic, Google, Groq or any OpenAI-compatible host, or point it at a
          local Ollama or LM Studio — no key needed.
        </p>
        <Button variant="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          Open settings
        </Button>
      </section>
    );
  }

  return (
    <section className="sy-chat" aria-label="Chat">
      <div className="sy-toolbar">
        <label className="sy-small sy-muted" htmlFor="model-picker">
          Model
        </label>
        <select id="model-picker" value={model} onChange={(e) => setModel(e.target.value)} disabled={!models}>
          {(models ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.providers.join(', ')})
            </option>
          ))}
        </select>
        <Button onClick={reset} disabled={busy || messages.length === 0}>
          New chat
        </Button>
      </div>
      {modelsError && <p className="sy-alert">{modelsError}</p>}

      <div className="sy-messages" role="log" aria-live="polite">
        {messages.map((m) => (
          <article key={m.id} className="sy-message" data-role={m.role} data-testid={`message-${m.role}`}>
            {(m.content || m.streaming) && <div className="sy-bubble">{m.content || '…'}</div>}
            {m.error && (
              <p className="sy-alert" role="alert" data-testid="chat-error">
                {m.error.message}
              </p>
            )}
            {m.stopped && <p className="sy-small sy-muted">Stopped.</p>}
            {m.meta && !m.streaming && <AnswerMetaLine meta={m.meta} />}
          </article>
        ))}
        <div ref={end} />
      </div>

      <form
        className="sy-composer"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          aria-label="Message"
          placeholder="Ask anything… (Enter to send, Shift+Enter for a new line)"
          value={draft}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {busy ? (
          <Button onClick={stop} data-testid="stop">
            Stop
          </Button>
        ) : (
          <Button variant="primary" type="submit" disabled={!draft.trim() || !model}>
            Send
          </Button>
        )}
      </form>
    </section>
  );
}
