import * as z from 'zod/mini';

/** Work the context menu hands to the side panel: ask models a prompt, compare them, or open a chat about a page. */
export const PendingJob = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['ask', 'compare', 'chat']),
    models: z.array(z.string()).check(z.maxLength(4)),
    prompt: z.string(),
    page: z.optional(z.object({ url: z.string(), title: z.string(), text: z.string(), kind: z.enum(['page', 'selection']) })),
    createdAt: z.number(),
    /** Who asked, as the ledger books it: the context menu unless said (the inspector's "Open in compare" says options). */
    from: z.optional(z.enum(['context-menu', 'options'])),
  }),
);
export type PendingJob = z.infer<typeof PendingJob>;

export const PENDING_JOB_KEY = 'pendingJob';

export type JobSource = NonNullable<PendingJob['from']>;
