import * as z from 'zod/mini';

/** window.postMessage channel between the page's `window.switchyard` and the content script. */
export const PAGE_CHANNEL = 'switchyard-page-api';
/** Runtime port from a content script to the background, for page requests. */
export const PAGE_PORT_NAME = 'switchyard-page';

/** What a page may ask for; 'abort' stops the request of the same id. */
export const PAGE_KINDS = ['chat', 'embeddings', 'responses', 'models', 'access'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export const PageRequest = z.lazy(() =>
  z.object({
    channel: z.literal(PAGE_CHANNEL),
    dir: z.literal('to-extension'),
    id: z.string().check(z.maxLength(64)),
    kind: z.enum([...PAGE_KINDS, 'abort']),
    body: z.optional(z.unknown()),
  }),
);
export type PageRequest = z.infer<typeof PageRequest>;

/** What the background answers on a page port, frame by frame. */
export const PageFrame = z.lazy(() =>
  z.discriminatedUnion('t', [
    z.object({ t: z.literal('chunk'), data: z.unknown() }),
    /** Chunks sent together once the answer shows (lib/messaging/chunk-batcher.ts). */
    z.object({ t: z.literal('chunks'), data: z.array(z.unknown()) }),
    z.object({ t: z.literal('result'), data: z.unknown() }),
    z.object({ t: z.literal('done') }),
    z.object({ t: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
  ]),
);
export type PageFrame = z.infer<typeof PageFrame>;

export const PageReply = z.lazy(() =>
  z.object({ channel: z.literal(PAGE_CHANNEL), dir: z.literal('to-page'), id: z.string(), frame: PageFrame }),
);
export type PageReply = z.infer<typeof PageReply>;

/** A site's standing permission. */
export const PagePermission = z.lazy(() =>
  z.object({
    decision: z.enum(['always', 'deny']),
    /** The one model the site may use, or null for any model the user can reach. */
    model: z.nullable(z.string()),
    /** The most one request may cost (worst case), in USD; null for no cap beyond the budgets. */
    costCap: z.nullable(z.number().check(z.positive())),
    decidedAt: z.number(),
  }),
);
export type PagePermission = z.infer<typeof PagePermission>;
export const PagePermissions = z.lazy(() =>
  z.record(z.string(), PagePermission),
);

export const PendingAccess = z.lazy(() =>
  z.object({ origin: z.string(), tabId: z.optional(z.number()), model: z.nullable(z.string()), requestedAt: z.number() }),
);
export type PendingAccess = z.infer<typeof PendingAccess>;

export const PERMISSIONS_KEY = 'pageApiPermissions';
export const PENDING_KEY = 'pageApiPending';
export const ONCE_KEY = 'pageApiOnce';
