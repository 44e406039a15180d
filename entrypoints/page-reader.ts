import { answerMessages, browser } from '@/lib/platform/browser';
import { contentCalls } from '@/lib/messaging/contracts';
import { createCallReceiver } from '@/lib/messaging/rpc';
import { extractPage } from '@/lib/page/extract';

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
    'content.readPage': () => extractPage(document, window.getSelection()?.toString() ?? ''),
  });
  answerMessages((message, sender) => (sender.id !== browser.runtime.id || sender.tab ? undefined : receive(message, undefined)));
});
