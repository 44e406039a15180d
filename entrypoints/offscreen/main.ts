import { isOffscreenCall, offscreenCalls } from '@/lib/messaging/offscreen-contract';
import { createCallReceiver } from '@/lib/messaging/rpc';
import { readHtml } from '@/lib/page/read-html';
import { answerMessages, browser } from '@/lib/platform/browser';

// Chrome's offscreen document: the DOM the background's service worker lacks, to read the pages a
// search found (lib/page/search-page-reader.ts). Answers only the background's reading calls.
const receive = createCallReceiver(offscreenCalls, {
  'offscreen.readHtml': ({ html }) => readHtml(html) ?? null,
});
answerMessages((message, sender) => (sender.id === browser.runtime.id && !sender.tab && isOffscreenCall(message) ? receive(message, undefined) : undefined));
