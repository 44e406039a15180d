import { browser } from '../platform/browser';
import type { Runtime } from 'webextension-polyfill';
import { PAGE_CHANNEL, PAGE_PORT_NAME, PageFrame, PageRequest } from './protocol';

/**
 * In the content script: carries the page's `window.switchyard` requests to the background,
 * one runtime port each, and the answers back. The background learns the page's origin from
 * the browser; nothing the page sends can change it.
 */
export function relayPageRequests(): void {
  const ports = new Map<string, Runtime.Port>();
  const reply = (id: string, frame: PageFrame) =>
    window.postMessage({ channel: PAGE_CHANNEL, dir: 'to-page', id, frame }, location.origin === 'null' ? '*' : location.origin);

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window) return;
    const parsed = PageRequest.safeParse(event.data);
    if (!parsed.success) return;
    const { id, kind, body } = parsed.data;
    if (kind === 'abort') {
      ports.get(id)?.disconnect();
      ports.delete(id);
      return;
    }
    if (ports.has(id)) return;
    const port = browser.runtime.connect({ name: PAGE_PORT_NAME });
    ports.set(id, port);
    port.onMessage.addListener((message: unknown) => {
      const frame = PageFrame.safeParse(message);
      if (!frame.success) return;
      reply(id, frame.data);
      if (frame.data.t === 'done' || frame.data.t === 'error') {
        port.disconnect();
        ports.delete(id);
      }
    });
    port.onDisconnect.addListener(() => {
      if (!ports.has(id)) return;
      ports.delete(id);
      reply(id, { t: 'error', error: { code: 'disconnected', message: 'Switchyard stopped answering (was the extension reloaded?).' } });
    });
    port.postMessage({ kind, body });
  });
}
