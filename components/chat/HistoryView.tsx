import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { deleteConversation, listConversations, renameConversation } from '@/lib/conversations/store';
import type { LedgerDb } from '@/lib/ledger/db';
import { Button } from '../ui/Button';

function when(timestamp: number): string {
  const date = new Date(timestamp);
  const today = new Date();
  return date.toDateString() === today.toDateString() ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

/** Past conversations: search, open, rename, delete. */
export function HistoryView({ db, currentId, onOpen }: { db: LedgerDb; currentId?: string; onOpen(id: string): void }) {
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);
  const conversations = useLiveQuery(() => listConversations(db, search, 200, 'chat'), [db, search]);

  return (
    <section className="sy-history" aria-label="Conversation history">
      <input type="search" placeholder="Search conversations…" aria-label="Search conversations" value={search} onChange={(e) => setSearch(e.target.value)} />
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
                  <span>{c.title}</span>
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
