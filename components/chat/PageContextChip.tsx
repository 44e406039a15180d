import { useState } from 'react';
import type { PageContext } from '@/lib/ledger/db';
import { callBackground } from '@/lib/messaging/browser';
import type { PageContent } from '@/lib/messaging/page';
import { errorMessage } from '../errorMessage';
import type { PageFit } from './useConversation';
import { Icon } from '../ui/Icon';

interface Props {
  /** Prefix of the test ids, so two chips (chat and compare) can be told apart. */
  testIdPrefix?: string;
  page: PageContext | undefined;
  fit: PageFit | undefined;
  disabled?: boolean;
  onChange(page: PageContext | undefined): void;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function contextOf(content: PageContent, kind: 'page' | 'selection'): PageContext {
  return { url: content.url, title: content.title, text: kind === 'selection' ? content.selection : content.text, kind };
}

/** "Use this page": reads the active tab through the content script and shows what the model will get. */
export function PageContextChip({ testIdPrefix = '', page, fit, disabled, onChange }: Props) {
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<PageContent | null>(null);

  async function read() {
    setReading(true);
    setError(null);
    try {
      const content = await callBackground('page.read', {});
      setLast(content);
      if (!content.text && !content.selection) throw new Error('This page has no readable text.');
      onChange(contextOf(content, content.selection ? 'selection' : 'page'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setReading(false);
    }
  }

  if (!page) {
    return (
      <div className="sy-context">
        <button type="button" className="sy-chip-button" onClick={() => void read()} disabled={disabled || reading} data-testid={`${testIdPrefix}use-page`}>
          {reading ? 'Reading the page…' : (
            <>
              <Icon name="page" />
              Use this page
            </>
          )}
        </button>
        {error && (
          <p className="sy-alert sy-small" role="alert" data-testid={`${testIdPrefix}page-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="sy-context">
      <details className="sy-chip" data-testid={`${testIdPrefix}page-chip`}>
        <summary>
          <Icon name={page.kind === 'selection' ? 'selection' : 'page'} />
          {page.kind === 'selection' ? 'Selection from ' : ''}
          <strong>{page.title || page.url}</strong> · {words(page.text).toLocaleString()} words
        </summary>
        <p className="sy-small sy-muted">{page.url}</p>
        <pre className="sy-preview">{page.text.slice(0, 2000)}{page.text.length > 2000 ? '…' : ''}</pre>
        {page.kind === 'selection' && last?.text && (
          <button type="button" className="sy-link-button" onClick={() => onChange(contextOf(last, 'page'))}>
            Use the whole page instead
          </button>
        )}
      </details>
      <button type="button" className="sy-link-button" aria-label="Stop using this page" onClick={() => onChange(undefined)} disabled={disabled}>
        ✕
      </button>
      {(fit?.trimmed || page.clipped) && (
        <p className="sy-small sy-warn-text" data-testid={`${testIdPrefix}page-trimmed`}>
          {fit?.trimmed
            ? `Trimmed to fit the model: ${fit.tokens.toLocaleString()} of ${fit.originalTokens.toLocaleString()} tokens sent.`
            : 'This page is very long; only its first 2 million characters are used.'}
        </p>
      )}
    </div>
  );
}
