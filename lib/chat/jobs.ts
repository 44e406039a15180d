import { z } from 'zod';

/** Work the context menu hands to the side panel: ask models a prompt, compare them, or open a chat about a page. */
export const PendingJob = z.object({
  id: z.string(),
  kind: z.enum(['ask', 'compare', 'chat']),
  models: z.array(z.string()).max(4),
  prompt: z.string(),
  page: z
    .object({ url: z.string(), title: z.string(), text: z.string(), kind: z.enum(['page', 'selection']) })
    .optional(),
  createdAt: z.number(),
});
export type PendingJob = z.infer<typeof PendingJob>;

export const PENDING_JOB_KEY = 'pendingJob';
