import { useEffect, useState } from 'react';
import { buildSearchIndex } from '@/lib/conversations/search-index';
import type { LedgerDb } from '@/lib/ledger/db';

interface Progress {
  done: boolean;
  indexed: number;
  total: number;
}

let progress: Progress = { done: false, indexed: 0, total: 0 };
let building: Promise<void> | undefined;
const listeners = new Set<(p: Progress) => void>();

function publish(next: Progress) {
  progress = next;
  for (const listener of listeners) listener(next);
}

/**
 * Indexes history written before search had an index, once per page, in the background (the
 * panel starts it when idle; it resumes where it stopped if the panel closed).
 */
export function ensureSearchIndex(db: LedgerDb): Promise<void> {
  building ??= buildSearchIndex(db, (indexed, total) => publish({ done: false, indexed, total }))
    .then(() => publish({ ...progress, done: true }))
    .catch((error: unknown) => {
      building = undefined;
      console.error('Switchyard could not index the history for search', error);
    });
  return building;
}

/** How far the history index is, for a note beside the search box while it is built. */
export function useSearchIndex(db: LedgerDb): Progress {
  const [state, setState] = useState(progress);
  useEffect(() => {
    listeners.add(setState);
    void ensureSearchIndex(db);
    return () => {
      listeners.delete(setState);
    };
  }, [db]);
  return state;
}
