import { mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { expect } from './fixtures';

/** Reloads an extension page from inside (BiDi may not navigate moz-extension:// pages itself) and waits for the new document to render. */
export async function reloadExtensionPage(page: Page, ready: string) {
  await page.bringToFront();
  await page.evaluate(() => {
    (window as unknown as { __old?: boolean }).__old = true;
    setTimeout(() => location.reload(), 0);
  });
  await expect
    .poll(
      () =>
        page
          .evaluate((selector) => !(window as unknown as { __old?: boolean }).__old && document.querySelector(selector) !== null, ready)
          .catch(() => false),
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.bringToFront();
}

const SCREENSHOTS = 'test-results/screenshots';

/** Puppeteer writes a screenshot only into a folder that exists: this suite, run alone, makes its own. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/firefox-${name}.png`, fullPage: true });
}

/** Waits until the text of the first element matching `selector` satisfies `check`. */
export async function textOf(page: Page, selector: string, check: (text: string) => boolean): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        last = await page.$$eval(selector, (nodes) => nodes.map((n) => (n as HTMLElement).innerText).join('\n')).catch(() => '');
        return check(last);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return last;
}
