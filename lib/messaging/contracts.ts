import { z } from 'zod';
import { PageContent } from './page';
import type { CallContract } from './rpc';

/** Calls that extension pages make to the background service worker. */
export const backgroundCalls = {
  'app.status': {
    input: z.object({}),
    output: z.object({ version: z.string(), startedAt: z.number(), now: z.number() }),
  },
  'page.read': {
    input: z.object({ tabId: z.number().int().nonnegative().optional() }),
    output: PageContent,
  },
} satisfies CallContract;

/** Calls that the background makes to a content script in a tab. */
export const contentCalls = {
  'content.readPage': {
    input: z.object({}),
    output: PageContent,
  },
} satisfies CallContract;
