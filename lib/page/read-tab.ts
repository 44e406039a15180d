import { browser } from '../platform/browser';
import { contentCaller } from '../messaging/browser';
import type { PageContent } from '../messaging/page';
import { MessagingError } from '../messaging/rpc';
import { fetchPdf, isPdfUrl } from './pdf-bytes';
import { pdfPage } from './pdf-page';
import { unreadableReason } from './unreadable-reason';

const CONTENT_SCRIPT_FILE = '/page-reader.js';

function isMissingReceiver(error: unknown): boolean {
  return error instanceof Error && /receiving end does not exist|could not establish connection/i.test(error.message);
}

/**
 * Asks the content script of a tab (the active one by default) for its page text. Tabs
 * opened before the extension was installed have no content script yet; inject it then.
 */
export async function readTab(tabId?: number): Promise<PageContent> {
  const tab =
    tabId === undefined
      ? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]
      : await browser.tabs.get(tabId).catch(() => undefined);
  if (tab?.id === undefined) throw new MessagingError('no_tab', 'There is no open tab to read.');
  // A tab whose address the browser keeps from Switchyard (no "tabs" permission, no access to its
  // site) may still have the page reader in it: asked, it answers with its page.
  const reason = tab.url === undefined && tabId !== undefined ? null : unreadableReason(tab.url);
  if (reason) throw new MessagingError('page_unreadable', reason);

  // A browser's own PDF viewer (Firefox's) takes no content script: the PDF is fetched here instead.
  return withPageReader(tab.id, (call) => call('content.readPage', {}), isPdfUrl(tab.url) ? () => readPdfTab(tab.url!) : undefined);
}

/**
 * Calls the page reader of a tab. Tabs opened before the extension was installed have none yet:
 * it is injected then; where it cannot be (browser pages, Firefox's PDF viewer) `unreachable`
 * answers instead, or the call fails with the browser's reason.
 */
export async function withPageReader<T>(tabId: number, use: (call: ReturnType<typeof contentCaller>) => Promise<T>, unreachable?: () => Promise<T>): Promise<T> {
  const call = contentCaller(tabId);
  try {
    return await use(call);
  } catch (error) {
    if (!isMissingReceiver(error)) throw error;
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
    } catch (injectError) {
      if (unreachable) return unreachable();
      const detail = injectError instanceof Error ? injectError.message : String(injectError);
      throw new MessagingError('page_unreadable', `Switchyard can't read this page: ${detail}`);
    }
    return use(call);
  }
}

async function readPdfTab(url: string): Promise<PageContent> {
  try {
    return pdfPage(url, await fetchPdf(url));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new MessagingError('page_unreadable', `Switchyard can't read this PDF: ${detail} Download it and drop the file into the side panel instead.`);
  }
}
