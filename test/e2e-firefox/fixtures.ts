import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { test as base } from '../e2e/fixtures';
import { launchFirefox, type Firefox } from './browser';
import { streamChatInPage } from '../support/in-page';

export const firefoxExtensionPath = resolve('.output/firefox-mv2');

/** The Chromium suite's fixtures (mock provider, page server) plus a Firefox with the Firefox build installed. */
export const test = base.extend<object, { firefox: Firefox }>({
  firefox: [
    async ({}, use) => {
      const firefox = await launchFirefox(firefoxExtensionPath);
      await use(firefox);
      await firefox.close();
    },
    { scope: 'worker' },
  ],
});

export const expect = test.expect;

declare const browser: import('webextension-polyfill').Browser;

/** Sends a typed call to the background from one of the extension's pages, as the pages do. */
export function call<T = unknown>(page: Page, type: string, payload: unknown = {}): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  return page.evaluate((t, p) => browser.runtime.sendMessage({ channel: 'switchyard', type: t, payload: p }), type, payload) as Promise<{
    ok: boolean;
    data?: T;
    error?: { code: string; message: string };
  }>;
}

/** Streams one chat through the background's port from an extension page, and returns the text. */
export function streamChat(page: Page, body: unknown): Promise<string> {
  return page.evaluate(streamChatInPage, body);
}

/** Runs code in the extension's content-script world of a tab, as a compromised renderer or a bug there could. */
export function inContentScriptWorld<T>(extensionPage: Page, pageUrl: string, code: string): Promise<T> {
  return extensionPage.evaluate(
    async (url, source) => {
      // Firefox's URL patterns take no port: find the tab by its exact address.
      const tab = (await browser.tabs.query({})).find((t) => t.url === url);
      if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
      const [result] = await browser.tabs.executeScript(tab.id, { code: source });
      return result;
    },
    pageUrl,
    code,
  ) as Promise<T>;
}
