import browser from 'webextension-polyfill';
import { listenForCalls } from '@/lib/messaging/browser';
import { backgroundCalls } from '@/lib/messaging/contracts';
import { createCallReceiver, isCallMessage, type CallReply } from '@/lib/messaging/rpc';
import { isOwnExtensionPage } from '@/lib/messaging/senders';
import { readTab } from '@/lib/page/read-tab';

export default defineBackground(() => {
  const startedAt = Date.now();
  const ownOrigin = browser.runtime.getURL('/');

  const receive = createCallReceiver(backgroundCalls, {
    'app.status': () => ({ version: browser.runtime.getManifest().version, startedAt, now: Date.now() }),
    'page.read': ({ tabId }) => readTab(tabId),
  });

  listenForCalls((message, sender) => {
    if (isOwnExtensionPage(sender, browser.runtime.id, ownOrigin)) return receive(message, sender);
    return isCallMessage(message) ? refused() : undefined;
  });
});

function refused(): Promise<CallReply> {
  return Promise.resolve({
    ok: false,
    error: { code: 'forbidden', message: 'Only Switchyard’s own pages may call the background.' },
  });
}
