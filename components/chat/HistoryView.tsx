import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { queryWords, searchConversations, type SearchHit } from '@/lib/conversations/search-index';
import { deleteConversation, listConversations, renameConversation } from '@/lib/conversations/store';
import type { LedgerDb } from '@/lib/ledger/db';
import { importConversation } from '@/lib/conversations/transfer';
import { errorMessage } from '../errorMessage';
import { Button } from '../ui/Button';
import { useSearchIndex } from './useSearchIndex';

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text with the query's words marked (as typed: the start of each word). */
function Highlighted({ text, words }: { text: string; words: string[] }) {
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${words.map(escape).join('|')})`, 'giu');
  return (
    <>
      {text.split(pattern).map((piece, i) => (i % 2 ? <mark key={i}>{piece}</mark> : piece))}
    </>
  );
}

async function find(db: LedgerDb, search: string): Promise<SearchHit[]> {
  if (search.trim()) return searchConversations(db, search, 200, 'chat');
  return (await listConversations(db, '', 200, 'chat')).map((conversation) => ({ conversation, snippet: '', score: 0 }));
}

function when(timestamp: number): string {
  const date = new Date(timestamp);
  const today = new Date();
  return date.toDateString() === today.toDateString() ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

/** Past conversations: search, open, rename, delete. */
export function HistoryView({ db, currentId, onOpen }: { db: LedgerDb; currentId?: string; onOpen(id: string): void }) {
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);
  const hits = useLiveQuery(() => find(db, search), [db, search]);
  const conversations = hits?.map((h) => h.conversation);
  const snippets = new Map(hits?.map((h) => [h.conversation.id, h.snippet]));
  const words = queryWords(search);
  const index = useSearchIndex(db);
  const [imported, setImported] = useState<{ ok: boolean; text: string } | null>(null);

  async function importFile(file: File) {
    try {
      if (file.size > 20_000_000) throw new Error('This file is larger than any conversation Switchyard exports (20 MB). Nothing was imported.');
      const id = await importConversation(db, await file.text());
      const mode = (await db.conversations.get(id))?.mode;
      setImported({ ok: true, text: mode === 'compare' ? 'Comparison imported: it is under Compare → Saved comparisons.' : 'Conversation imported.' });
      if (mode === 'chat') onOpen(id);
    } catch (e) {
      setImported({ ok: false, text: errorMessage(e) });
    }
  }

  return (
    <section className="sy-history" aria-label="Conversation history">
      <div className="sy-row">
        <input type="search" placeholder="Search conversations…" aria-label="Search conversations" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="sy-button" data-variant="secondary">
          Import…
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Import a conversation (JSON exported from Switchyard)"
            className="sy-visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      {imported && (
        <p className={imported.ok ? 'sy-ok sy-small' : 'sy-alert sy-small'} role={imported.ok ? 'status' : 'alert'} data-testid="import-result">
          {imported.text}
        </p>
      )}
      {search && !index.done && index.total > 0 && (
        <p className="sy-muted sy-small" role="status" data-testid="search-indexing">
          Indexing older history for search: {Math.round((index.indexed / index.total) * 100)}% (results so far are shown)
        </p>
      )}
      {conversations?.length === 0 && <p className="sy-muted sy-small">{search ? 'Nothing matches.' : 'No conversations yet.'}</p>}
      <ul className="sy-history-list">
        {conversations?.map((c) => (
          <li key={c.id} data-current={c.id === currentId || undefined} data-testid="history-item">
            {editing?.id === c.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void renameConversation(db, c.id, editing.title).then(() => setEditing(null));
                }}
              >
                <input aria-label="New title" value={editing.title} autoFocus onChange={(e) => setEditing({ id: c.id, title: e.target.value })} />
                <Button type="submit">Save</Button>
              </form>
            ) : (
              <>
                <button type="button" className="sy-history-open" onClick={() => onOpen(c.id)}>
                  <span>
                    <Highlighted text={c.title} words={words} />
                  </span>
                  {snippets.get(c.id) && (
                    <span className="sy-small sy-history-snippet" data-testid="history-snippet">
                      <Highlighted text={snippets.get(c.id)!} words={words} />
                    </span>
                  )}
                  <span className="sy-small sy-muted">
                    {when(c.updatedAt)}
                    {c.page ? ` · ${c.page.title || c.page.url}` : ''}
                  </span>
                </button>
                <button type="button" className="sy-link-button" aria-label={`Rename ${c.title}`} onClick={() => setEditing({ id: c.id, title: c.title })}>
                  Rename
                </button>
                <button
                  type="button"
                  className="sy-link-button sy-danger-text"
                  aria-label={`Delete ${c.title}`}
                  onClick={() => {
                    if (confirm(`Delete “${c.title}”?`)) void deleteConversation(db, c.id);
                  }}
                >
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
