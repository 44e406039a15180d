import { answerMessages, browser } from '@/lib/platform/browser';
import { contentCalls } from '@/lib/messaging/contracts';
import { createCallReceiver } from '@/lib/messaging/rpc';
import { readCaptions, withTranscript } from '@/lib/page/captions';
import { extractPage } from '@/lib/page/extract';
import { fetchPdf } from '@/lib/page/pdf-bytes';
import { pdfPage } from '@/lib/page/pdf-page';
import { selectRegion } from '@/lib/page/region-select';

/**
 * Runs on every page (declared in wxt.config.ts) and only answers the background's request
 * for the page text. It is an unlisted script, not a WXT content script, because WXT's
 * content-script wrapper announces itself to the page (postMessage and a DOM event naming the
 * extension): on every page, Switchyard adds nothing a site could see.
 */
export default defineUnlistedScript(() => {
  // Injected again on demand into tabs opened before install: answer only once per page.
  const marker = '__switchyardPageReader';
  const scope = globalThis as Record<string, unknown>;
  if (scope[marker]) return;
  scope[marker] = true;

  const receive = createCallReceiver(contentCalls, {
    'content.readPage': () => (document.contentType === 'application/pdf' ? readPdfPage() : readHtmlPage()),
    'content.selectRegion': () => selectRegion(document),
  });
  /** The page's main text, and its video's words when it has captions (a lecture, a YouTube video). */
  async function readHtmlPage() {
    const page = extractPage(document, window.getSelection()?.toString() ?? '');
    const captions = await readCaptions(document).catch(() => undefined);
    return captions ? withTranscript(page, captions) : page;
  }
  /** A PDF in the browser's viewer: its bytes, fetched as the page (with its cookies), for the side panel to read. */
  async function readPdfPage() {
    return pdfPage(location.href, await fetchPdf(location.href));
  }

  answerMessages((message, sender) => (sender.id !== browser.runtime.id || sender.tab ? undefined : receive(message, undefined)));
});
