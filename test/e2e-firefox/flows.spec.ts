import { makePdf } from '../support/pdf';
import { call, expect, test } from './fixtures';
import { reloadExtensionPage, screenshot, textOf } from './page-helpers';

const ARTICLE = `<!doctype html><html lang="en"><head><title>Night trains return to the Alps</title></head><body>
<header>Rail Weekly · Subscribe</header>
<article><h1>Night trains return to the Alps</h1>
<p>A new night train links Zurich and Vienna from December, with sleeper cabins for four.</p>
<p>The operator expects 60,000 passengers in the first year.</p></article></body></html>`;

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
  expect(JSON.stringify((sent.body as { system?: unknown }).system)).toContain('sleeper cabins for four');
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

test('in Firefox: two models compared side by side, and a site that asks for the page API waits for the popup’s consent', async ({ firefox, mock, pageServer }) => {
  const options = await firefox.extensionPage('options');
  await call(options, 'providers.save', { settings: { id: 'ff-openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: `${mock.url}/openai/v1` }, apiKey: 'sk-oai-ff-1' });
  await call(options, 'providers.save', { settings: { id: 'ff-ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: `${mock.url}/ollama` } });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });

  // The panel stays open from the test before: the new providers' models show up in it without a reload.
  const panel = await firefox.extensionPage('sidepanel');
  await panel.bringToFront();
  const tabs = await panel.$$('[role="tab"]');
  const names = await Promise.all(tabs.map((t) => t.evaluate((el) => el.textContent)));
  await tabs[names.indexOf('Compare')]!.click();
  const choose = async (index: number, search: string, name: string) => {
    await panel.locator(`[data-testid="compare-model-${index}"] [data-testid="compare-picker"]`).click();
    await panel.locator('input[aria-label="Search models"]').fill(search);
    await panel.locator(`[role="option"]::-p-text(${name})`).click();
  };
  await choose(0, 'gpt-4o mini', 'GPT-4o mini');
  await choose(1, 'llama 3.2', 'Llama 3.2 3B');
  mock.script('openai', { text: 'GPT: freight is sorted by destination.', chunkDelayMs: 10 });
  mock.script('ollama', { text: 'Llama: humps sort the cars.' });
  await panel.locator('textarea[aria-label="Compare prompt"]').fill('What does a rail yard do?');
  await panel.keyboard.press('Enter');
  await textOf(panel, '[data-testid="column-0"]', (t) => t.includes('freight is sorted') && t.includes('via ff-openai'));
  await textOf(panel, '[data-testid="column-1"]', (t) => t.includes('humps sort the cars') && t.includes('via ff-ollama'));
  await screenshot(panel, 'sidepanel-compare');

  // The page API: on for this site, the page asks, and waits for the user's answer in the popup.
  const url = pageServer.serve('<!doctype html><title>A site built for it</title><p>Hello</p>');
  await call(options, 'pageApi.setPresence', { mode: 'sites', sites: [new URL(url).origin] });
  const site = await firefox.browser.newPage();
  await site.goto(url);
  type Api = { switchyard: { requestAccess(): Promise<string>; chat: { completions: { create(body: unknown): Promise<{ choices: { message: { content: string } }[] }> } } } };
  expect(await site.evaluate(() => (window as unknown as Api).switchyard.requestAccess())).toBe('pending');

  // The popup is still open from the test before: the request shows up in it as it arrives.
  const popup = await firefox.extensionPage('popup');
  await popup.bringToFront();
  await popup.waitForSelector('[data-testid="consent-prompt"]');
  await screenshot(popup, 'popup-consent');
  await popup.locator('[data-testid="consent-prompt"] button::-p-text(Allow once)').click();
  await expect.poll(() => popup.$$('[data-testid="consent-prompt"]').then((list) => list.length)).toBe(0);

  mock.script('openai', { text: 'Hello from your own model, in Firefox.' });
  await site.bringToFront();
  const reply = await site.evaluate(() =>
    (window as unknown as Api).switchyard.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).then((r) => r.choices[0]!.message.content),
  );
  expect(reply).toBe('Hello from your own model, in Firefox.');
  expect(mock.requests.at(-1)!.headers.authorization).toBe('Bearer sk-oai-ff-1');

  await call(options, 'pageApi.setPresence', { mode: 'off', sites: [] });
  await call(options, 'providers.remove', { id: 'ff-openai' });
  await call(options, 'providers.remove', { id: 'ff-ollama' });
  await site.close();
});

test('in Firefox: a PDF open in Firefox’s own viewer is read by page for the side panel', async ({ firefox, mock, pageServer }) => {
  const options = await firefox.extensionPage('options');
  await options.bringToFront();
  await call(options, 'providers.save', { settings: { id: 'ff-pdf', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, apiKey: 'sk-ant-ff-pdf-1' });
  const url = pageServer.serveFile('/files/ff-handbook.pdf', makePdf([['Hump yards sort wagons by gravity.'], ['Points guide each wagon to its track.']], 'Firefox yard handbook'), 'application/pdf');
  const pdf = await firefox.browser.newPage();
  await pdf.goto(url).catch(() => undefined);

  const panel = await firefox.extensionPage('sidepanel');
  await panel.bringToFront();
  await reloadExtensionPage(panel, '[data-testid="use-page"]');
  // No content script runs in Firefox's PDF viewer: the background fetches the PDF and the panel reads it with pdf.js.
  // The click is made inside the page and repeated until the chip shows: a panel still settling
  // after its reload can replace the button between a query and a click over BiDi.
  await pdf.bringToFront();
  await expect
    .poll(
      async () => {
        await panel.evaluate(() => (document.querySelector('[data-testid="use-page"]') as HTMLButtonElement | null)?.click()).catch(() => undefined);
        return panel.evaluate(() => document.querySelector('[data-testid="page-chip"]')?.textContent ?? '').catch(() => '');
      },
      { timeout: 15_000 },
    )
    .toContain('Firefox yard handbook');
  const preview = await panel.evaluate(() => document.querySelector('[data-testid="page-chip"] .sy-preview')?.textContent ?? '');
  expect(preview).toContain('[Page 1]\nHump yards sort wagons by gravity.\n\n[Page 2]\nPoints guide each wagon to its track.');
  await panel.bringToFront();
  await screenshot(panel, 'sidepanel-pdf');
  await call(options, 'providers.remove', { id: 'ff-pdf' });
  await pdf.close();
});
