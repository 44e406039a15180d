import * as z from 'zod/mini';
import { MAX_TABS } from '../page/tabs';

/** Work the context menu hands to the side panel: ask models a prompt, compare them, or open a chat about a page or several tabs. */
export const PendingJob = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['ask', 'compare', 'chat', 'tabs']),
    models: z.array(z.string()).check(z.maxLength(4)),
    prompt: z.string(),
    page: z.optional(z.object({ url: z.string(), title: z.string(), text: z.string(), kind: z.enum(['page', 'selection']) })),
    createdAt: z.number(),
    /** "Ask about these tabs…": the tabs to read into the question (the side panel reads them, PDFs too). */
    tabIds: z.optional(z.array(z.int()).check(z.maxLength(MAX_TABS))),
    /** Who asked, as the ledger books it: the context menu unless said (the inspector's "Open in compare" says options). */
    from: z.optional(z.enum(['context-menu', 'options'])),
  }),
);
export type PendingJob = z.infer<typeof PendingJob>;

export const PENDING_JOB_KEY = 'pendingJob';

export type JobSource = NonNullable<PendingJob['from']>;
