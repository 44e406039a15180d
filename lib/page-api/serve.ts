import { browser } from '../platform/browser';
import type { Runtime } from 'webextension-polyfill';
import { chunkBatcher } from '../messaging/chunk-batcher';
import { chunkShowsSomething } from '../messaging/contracts';
import { toMessagingError } from '../messaging/rpc';
import { PAGE_KINDS, PAGE_PORT_NAME, type PageFrame, type PageKind } from './protocol';

type Handler = (origin: string, tabId: number | undefined, kind: PageKind, body: unknown, signal: AbortSignal) => AsyncIterable<PageFrame>;

/** The origin of a content script's page, as the browser reports it (never as the page claims). */
function originOf(sender: Runtime.MessageSender | undefined): string | undefined {
  const reported = (sender as { origin?: string } | undefined)?.origin;
  if (reported && reported !== 'null') return reported;
  try {
    return sender?.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Serves page requests relayed by this extension's content scripts, one port per request. */
export function listenForPagePorts(handle: Handler): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_PORT_NAME) return;
    const sender = port.sender;
    const origin = originOf(sender);
    if (sender?.id !== browser.runtime.id || !sender.tab || !origin || !/^https?:/.test(origin)) {
      port.disconnect();
      return;
    }
    const controller = new AbortController();
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
      controller.abort();
    });
    const post = (frame: PageFrame) => {
      if (open) port.postMessage(frame);
    };
    port.onMessage.addListener((message: unknown) => {
      const request = message as { kind?: unknown; body?: unknown };
      const kind = request.kind;
      if (!PAGE_KINDS.includes(kind as PageKind)) return;
      // A streamed answer reaches the page through two hops (port, then window message): once it
      // shows, its chunks go a frame's worth per message.
      const batcher = chunkBatcher(
        post,
        (chunk) => typeof chunk === 'object' && chunk !== null && chunkShowsSomething(chunk),
      );
      void (async () => {
        try {
          try {
            for await (const frame of handle(origin, sender.tab?.id, kind as PageKind, request.body, controller.signal)) {
              if (frame.t === 'chunk') batcher.add(frame.data);
              else {
                batcher.flush();
                post(frame);
              }
            }
          } finally {
            batcher.flush();
          }
          post({ t: 'done' });
        } catch (error) {
          const { code, message: text } = toMessagingError(error);
          post({ t: 'error', error: { code, message: text } });
        }
      })();
    });
  });
}
