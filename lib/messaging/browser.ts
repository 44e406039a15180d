import { answerMessages, browser } from '../platform/browser';
import type { Runtime } from 'webextension-polyfill';
import { backgroundCalls, contentCalls } from './contracts';
import { createCaller, type CallReply } from './rpc';
import { STREAM_PORT_NAME, type PortLike } from './stream';

/** Extension pages call the background with this. */
export const callBackground = createCaller(backgroundCalls, (message) => browser.runtime.sendMessage(message));

/** The background calls a tab's content script with this. */
export function contentCaller(tabId: number) {
  return createCaller(contentCalls, (message) => browser.tabs.sendMessage(tabId, message));
}

/** Registers a call receiver on runtime messages; messages that are not ours are left alone. */
export function listenForCalls(
  receive: (message: unknown, sender: Runtime.MessageSender) => Promise<CallReply> | undefined,
) {
  answerMessages(receive);
}

export function connectStreamPort(): PortLike {
  return browser.runtime.connect({ name: STREAM_PORT_NAME });
}

export function listenForStreamPorts(serve: (port: PortLike, sender: Runtime.MessageSender | undefined) => void) {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== STREAM_PORT_NAME) return;
    serve(port, port.sender);
  });
}
