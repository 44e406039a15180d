import { useRef, useState } from 'react';
import { conversationMarkdown, exportConversation } from '@/lib/conversations/transfer';
import type { LedgerDb } from '@/lib/ledger/db';
import { errorMessage } from '../errorMessage';
import { download } from '../ui/download';

/** A file name from a title: letters, digits and dashes. */
const fileName = (title: string, extension: string) =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'conversation'
  }.${extension}`;

/** Saves the open conversation or comparison as Markdown (to read or share) or JSON (to import again). */
export function ExportMenu({ db, conversationId }: { db: LedgerDb; conversationId: string | undefined }) {
  const [error, setError] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const save = async (as: 'markdown' | 'json') => {
    menu.current?.removeAttribute('open');
    try {
      setError(null);
      const file = await exportConversation(db, conversationId!);
      if (as === 'json') download(fileName(file.conversation.title, 'json'), JSON.stringify(file, null, 2), 'application/json');
      else download(fileName(file.conversation.title, 'md'), conversationMarkdown(file), 'text/markdown');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (!conversationId) return null;
  return (
    <>
      <details className="sy-menu" ref={menu}>
        <summary className="sy-button" data-variant="secondary">
          Export
        </summary>
        <div className="sy-menu-items" role="group" aria-label="Export as">
          <button type="button" className="sy-link-button" onClick={() => void save('markdown')}>
            Markdown
          </button>
          <button type="button" className="sy-link-button" onClick={() => void save('json')}>
            JSON (to import again)
          </button>
        </div>
      </details>
      {error && (
        <p className="sy-alert sy-small" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
