import type { Browser, Runtime } from 'webextension-polyfill';

/**
 * The extension API: Firefox's `browser`, or Chrome's `chrome`, whose Manifest V3 methods return
 * promises too. Typed with webextension-polyfill's types, without its runtime wrapper (which
 * only adds weight to the service worker). The one difference that matters, answering a
 * message with a promise, is handled by `answerMessages`.
 */
export const browser: Browser = pick(globalThis as unknown as { browser?: Browser; chrome?: Browser });

function pick(scope: { browser?: Browser; chrome?: Browser }): Browser {
  // A page element with id="browser" shows through as `browser` in a content script: check it is the API.
  return scope.browser?.runtime?.id ? scope.browser : scope.chrome!;
}

/**
 * Listens for runtime messages whose answer comes later. `answer` returns a promise of the reply,
 * or undefined to leave the message to other listeners. Uses `sendResponse` and `return true`,
 * which Chrome and Firefox both understand (Chrome ignores a returned promise).
 */
export function answerMessages(answer: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown> | undefined): void {
  const listener = (message: unknown, sender: Runtime.MessageSender, sendResponse: (reply: unknown) => void): true | undefined => {
    const reply = answer(message, sender);
    if (!reply) return undefined;
    reply.then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: { code: 'internal_error', message: error instanceof Error ? error.message : String(error) } }));
    return true;
  };
  browser.runtime.onMessage.addListener(listener as unknown as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
