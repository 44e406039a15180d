import type { PageReader } from '../gateway/search-providers';
import { offscreenCalls } from '../messaging/offscreen-contract';
import { createCaller } from '../messaging/rpc';
import { browser } from '../platform/browser';
import { canReadAnySite } from './any-site';

/**
 * The background's reader for search result pages, or undefined while it may not fetch any site.
 * Firefox's background page has a DOM of its own; Chrome's service worker has none and asks an
 * offscreen document, opened when first needed and closed again when idle.
 */
export async function searchPageReader(): Promise<PageReader | undefined> {
  if (!(await canReadAnySite())) return undefined;
  if (import.meta.env.FIREFOX) {
    // Imported here, so Chrome's service worker (which never takes this path) does not carry Readability.
    const { readHtml } = await import('./read-html');
    return async (html) => readHtml(html);
  }
  return offscreenReader;
}

const OFFSCREEN_PATH = '/offscreen.html';
/** An idle offscreen document is closed after this: it holds a renderer's memory for nothing. */
const IDLE_MS = 60_000;

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

const callOffscreen = createCaller(offscreenCalls, (message) => browser.runtime.sendMessage(message));
let opening: Promise<void> | undefined;
let idle: ReturnType<typeof setTimeout> | undefined;

const offscreenReader: PageReader = async (html) => {
  clearTimeout(idle);
  await openOffscreen();
  try {
    return (await callOffscreen('offscreen.readHtml', { html })) ?? undefined;
  } finally {
    idle = setTimeout(() => void closeOffscreen(), IDLE_MS);
  }
};

function offscreenApi(): OffscreenApi {
  const api = (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (!api) throw new Error('This browser has no offscreen documents.');
  return api;
}

function openOffscreen(): Promise<void> {
  return (opening ??= (async () => {
    const api = offscreenApi();
    if (await api.hasDocument?.()) return;
    await api
      .createDocument({ url: OFFSCREEN_PATH, reasons: ['DOM_PARSER'], justification: 'Reads the web pages a search found into their main text for the model.' })
      .catch((error: unknown) => {
        // Another worker life opened it already: it is there to use.
        if (!/single offscreen document/i.test(String(error))) throw error;
      });
  })().catch((error: unknown) => {
    opening = undefined;
    throw error;
  }));
}

async function closeOffscreen(): Promise<void> {
  opening = undefined;
  await offscreenApi()
    .closeDocument()
    .catch(() => undefined);
}
