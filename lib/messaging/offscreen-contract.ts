import * as z from 'zod/mini';
import type { CallContract } from './rpc';

/** The most HTML the background hands the offscreen document for one page (the reader's own cap, with room). */
const MAX_HTML_CHARS = 4_000_000;

/** Calls the background makes to its offscreen document (Chrome), which has the DOM a service worker lacks. */
export const offscreenCalls = {
  /** A fetched page's main words (Readability), or null when it has none. */
  'offscreen.readHtml': {
    input: z.object({ html: z.string().check(z.maxLength(MAX_HTML_CHARS)) }),
    output: z.nullable(z.object({ title: z.string(), text: z.string() })),
  },
} satisfies CallContract;

/** Whether a runtime message is one of these calls: the offscreen document leaves every other message to the background. */
export const isOffscreenCall = (message: unknown) => typeof (message as { type?: unknown } | null)?.type === 'string' && (message as { type: string }).type.startsWith('offscreen.');
