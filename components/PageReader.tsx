import { useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import type { PageContent } from '@/lib/messaging/page';
import { errorMessage } from './errorMessage';
import { Button } from './ui/Button';

type State =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'read'; page: PageContent }
  | { kind: 'error'; message: string };

const PREVIEW_CHARS = 600;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Reads the active tab's main text through the background and the tab's content script. */
export function PageReader() {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function read() {
    setState({ kind: 'reading' });
    try {
      setState({ kind: 'read', page: await callBackground('page.read', {}) });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }

  return (
    <section className="sy-card" aria-labelledby="page-reader-title">
      <h2 id="page-reader-title">This page</h2>
      <Button variant="primary" onClick={read} disabled={state.kind === 'reading'}>
        {state.kind === 'reading' ? 'Reading…' : 'Read this page'}
      </Button>
      {state.kind === 'error' && (
        <p className="sy-alert" role="alert" data-testid="page-error">
          {state.message}
        </p>
      )}
      {state.kind === 'read' && (
        <div data-testid="page-content">
          <p>
            <strong>{state.page.title || 'Untitled page'}</strong>
            <br />
            <span className="sy-small sy-muted">
              {state.page.url} · {wordCount(state.page.text).toLocaleString()} words
            </span>
          </p>
          <pre className="sy-preview">
            {state.page.text.slice(0, PREVIEW_CHARS)}
            {state.page.text.length > PREVIEW_CHARS ? '…' : ''}
          </pre>
        </div>
      )}
    </section>
  );
}
