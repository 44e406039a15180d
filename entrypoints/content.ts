import browser, { type Runtime } from 'webextension-polyfill';
import { contentCalls } from '@/lib/messaging/contracts';
import { createCallReceiver } from '@/lib/messaging/rpc';
import { relayPageRequests } from '@/lib/page-api/relay';
import { extractPage } from '@/lib/page/extract';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main() {
    // Injected again on demand into tabs opened before install: answer only once per page.
    const marker = '__switchyardContentScript';
    const scope = globalThis as Record<string, unknown>;
    if (scope[marker]) return;
    scope[marker] = true;

    const receive = createCallReceiver(contentCalls, {
      'content.readPage': () => extractPage(document, window.getSelection()?.toString() ?? ''),
    });
    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      return receive(message, undefined);
    });
    relayPageRequests();
  },
});
