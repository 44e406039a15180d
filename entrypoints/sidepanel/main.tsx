import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { preloadMarkdown } from '@/components/chat/Markdown';
import { ensureSearchIndex } from '@/components/chat/useSearchIndex';
import { pagesDb } from '@/lib/ledger/pages-db';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
preloadMarkdown();
// History written before search had an index is indexed while the panel is idle.
requestIdleCallback(() => void ensureSearchIndex(pagesDb), { timeout: 5000 });
