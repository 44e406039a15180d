import type { Page } from 'puppeteer-core';
import { call, expect, test } from './fixtures';

const ARTICLE = `<!doctype html><html lang="en"><head><title>Night trains return to the Alps</title></head><body>
<header>Rail Weekly · Subscribe</header>
<article><h1>Night trains return to the Alps</h1>
<p>A new night train links Zurich and Vienna from December, with sleeper cabins for four.</p>
<p>The operator expects 60,000 passengers in the first year.</p></article></body></html>`;

/** Reloads an extension page from inside (BiDi may not navigate moz-extension:// pages itself) and waits for it to render. */
async function reloadExtensionPage(page: Page, ready: string) {
  await page.evaluate(() => setTimeout(() => location.reload(), 0));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await page.waitForSelector(ready, { timeout: 15_000 });
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/firefox-${name}.png`, fullPage: true });

/** Waits until the text of the first element matching `selector` satisfies `check`. */
async function textOf(page: Page, selector: string, check: (text: string) => boolean): Promise<string> {
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

test('in Firefox: a provider added in the options, a streamed chat about a page, and its spend in the popup', async ({ firefox, mock, pageServer }) => {
  const options = await firefox.extensionPage('options');
  // Firefox lays out only the tab in front: bring each page forward before using it.
  await options.bringToFront();
  await options.evaluate(() => (location.hash = '#providers'));
  await options.locator('button.sy-preset ::-p-text(Anthropic)').click();
  await options.locator('#provider-id').fill('ff-claude');
  await options.locator('#provider-url').fill(`${mock.url}/anthropic`);
  await options.locator('#provider-key').fill('sk-ant-firefox-flows-7b21');
  await options.locator('button[type="submit"]::-p-text(Save provider)').click();
  await textOf(options, '[data-testid="provider-ff-claude"]', (t) => t.includes('key ••••7b21'));
  await screenshot(options, 'options-provider');
  await call(options, 'budgets.save', { global: { daily: 5 }, providers: {}, warnAt: 0.8 });

  const article = await firefox.browser.newPage();
  await article.goto(pageServer.serve(ARTICLE));

  const panel = await firefox.extensionPage('sidepanel');
  await panel.bringToFront();
  await reloadExtensionPage(panel, '[data-testid="model-picker"]');
  await panel.locator('[data-testid="model-picker"]').click();
  await panel.locator('input[aria-label="Search models"]').fill('haiku 4.5');
  await panel.locator('[role="option"]::-p-text(Claude Haiku 4.5)').click();
  // In Firefox's sidebar the page stays the active tab while the user clicks in the sidebar:
  // with the panel as a tab, the article is brought forward and the button clicked in place.
  await article.bringToFront();
  await panel.$eval('[data-testid="use-page"]', (button) => (button as HTMLButtonElement).click());
  await textOf(panel, '[data-testid="page-chip"]', (t) => t.includes('Night trains return to the Alps'));

  await panel.bringToFront();
  mock.script('anthropic', { text: 'A **Zurich–Vienna** sleeper starts in December.', chunkDelayMs: 20, usage: { prompt: 1500, completion: 40 } });
  await panel.locator('textarea[aria-label="Message"]').fill('What is new?');
  await panel.keyboard.press('Enter');
  const answer = await textOf(panel, '[data-testid="message-assistant"]', (t) => t.includes('sleeper starts in December') && t.includes('via ff-claude'));
  expect(answer).toContain('$');
  const sent = mock.requests.at(-1)!;
  expect(sent.headers['x-api-key']).toBe('sk-ant-firefox-flows-7b21');
  expect(String((sent.body as { system?: string }).system)).toContain('sleeper cabins for four');
  await screenshot(panel, 'sidepanel-chat');

  const popup = await firefox.extensionPage('popup');
  await popup.bringToFront();
  await reloadExtensionPage(popup, '[data-testid="spend-today"]');
  const spent = await textOf(popup, '[data-testid="spend-today"]', (t) => t.startsWith('$') && t !== '$0');
  // 1,500 prompt tokens at $1/M and 40 answer tokens at $5/M.
  expect(spent).toBe('$0.0017');
  await screenshot(popup, 'popup-spend');

  const rows = await call<{ rows: { status: string; provider: string }[] }>(options, 'ledger.list', { filter: { provider: 'ff-claude' }, page: 0, pageSize: 10 });
  expect(rows.data!.rows.map((r) => r.status)).toEqual(['ok']);
  await call(options, 'providers.remove', { id: 'ff-claude' });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  await article.close();
});
