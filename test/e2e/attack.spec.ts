import type { CDPSession, Page } from '@playwright/test';
import { call, expect, screenshotPath, streamChat, test } from './fixtures';

const KEY = 'sk-ant-attack-PLANTED-51e0c7d2';
const KEY_PARTS = ['PLANTED', '51e0c7d2', 'sk-ant-attack'];

/** What a page announces to anything listening: messages posted to it and events on its document. */
const WATCHED_PAGE = `<!doctype html><title>Watching</title>
<script>
  window.__seen = [];
  addEventListener('message', (e) => window.__seen.push(JSON.stringify(e.data)), true);
</script><p>A page that watches for extensions.</p>`;

interface World {
  id: number;
  type: string;
  name: string;
}

/** Every JavaScript world of a page (its own and each extension's isolated one), as CDP reports them. */
async function worldsOf(cdp: CDPSession): Promise<World[]> {
  const worlds: World[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    worlds.push({ id: context.id, type: (context.auxData as { type?: string })?.type ?? 'default', name: context.name });
  });
  cdp.on('Runtime.executionContextsCleared', () => (worlds.length = 0));
  await cdp.send('Runtime.enable');
  return worlds;
}

/** Reads every storage area and lists the databases from inside one world, as an attacker's code running there would. */
const READ_EVERYTHING = `(async () => {
  const out = { world: typeof chrome !== 'undefined' && chrome.runtime && chrome.runtime.id ? 'extension' : 'page' };
  const storage = typeof chrome !== 'undefined' ? chrome.storage : undefined;
  for (const area of ['local', 'sync', 'managed', 'session']) {
    try { out[area] = storage && storage[area] ? await storage[area].get(null) : 'no such area here'; }
    catch (e) { out[area] = 'refused: ' + e.message; }
  }
  try { out.indexedDB = (await indexedDB.databases()).map((d) => d.name); } catch (e) { out.indexedDB = 'refused: ' + e.message; }
  try { out.localStorage = JSON.stringify(localStorage); } catch (e) { out.localStorage = 'refused'; }
  out.switchyard = typeof window.switchyard;
  return JSON.stringify(out);
})()`;

async function readFromEveryWorld(cdp: CDPSession, worlds: World[]): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const world of worlds) {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression: READ_EVERYTHING, awaitPromise: true, returnByValue: true });
    found[`${world.type}:${world.name || 'page'}:${world.id}`] = exceptionDetails ? `threw ${exceptionDetails.text}` : String(result.value);
  }
  return found;
}

async function plantKeyThroughOptions(options: Page, mockUrl: string) {
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.getByRole('button', { name: /^Anthropic/ }).click();
  await options.getByLabel('Id', { exact: true }).fill('attacked');
  await options.getByLabel('Base URL', { exact: true }).fill(`${mockUrl}/anthropic`);
  await options.getByLabel('API key', { exact: true }).fill(KEY);
  await options.getByRole('button', { name: 'Save provider' }).click();
  await expect(options.getByTestId('provider-attacked')).toContainText('key ••••c7d2');
}

test('a key planted through the options page is in no storage area, database or page of any content-script world', async ({ extension, mock, pageServer }) => {
  const options = await extension.open('options');
  await plantKeyThroughOptions(options, mock.url);
  // The key works: the gateway can still use it.
  mock.script('anthropic', { text: 'still usable' });
  expect(await streamChat(options, { model: 'attacked/claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] })).toBe('still usable');
  expect(mock.requests.at(-1)!.headers['x-api-key']).toBe(KEY);

  const url = pageServer.serve(WATCHED_PAGE);
  const origin = new URL(url).origin;
  const page = await extension.context.newPage();
  const cdp = await extension.context.newCDPSession(page);
  const worlds = await worldsOf(cdp);

  // First with the page API off (the default), then on for this site: its relay adds a world of its own making.
  for (const presence of ['off', 'on'] as const) {
    if (presence === 'on') await call(options, 'pageApi.setPresence', { mode: 'sites', sites: [origin] });
    await page.goto(url);
    await expect.poll(() => worlds.filter((w) => w.type === 'isolated' && w.name === 'Switchyard').length).toBeGreaterThan(0);
    const found = await readFromEveryWorld(cdp, worlds);
    // Switchyard's world is named after the extension (Playwright adds a utility world of its own).
    const isolated = Object.entries(found).filter(([name]) => name.startsWith('isolated:Switchyard:'));
    expect(isolated.length, JSON.stringify(Object.keys(found))).toBeGreaterThan(0);
    for (const [world, text] of Object.entries(found)) {
      for (const part of KEY_PARTS) expect(text, `${world} (${presence})`).not.toContain(part);
      expect(text, world).not.toContain('switchyard-device-key');
    }
    // Chrome closes extension storage to content scripts outright.
    for (const [world, text] of isolated) {
      const read = JSON.parse(text) as Record<string, unknown>;
      expect(read.local, world).toMatch(/^refused/);
      expect(read.session, world).toMatch(/^refused/);
    }
    expect(JSON.parse(found[Object.keys(found).find((w) => w.startsWith('default'))!]!).switchyard).toBe(presence === 'off' ? 'undefined' : 'object');
  }

  // Even what trusted extension code can read holds the key only sealed, and no key that opens it.
  const trusted = await extension.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)) + JSON.stringify(await chrome.storage.session.get(null)));
  for (const part of KEY_PARTS) expect(trusted.includes(part), part).toBe(false);
  expect(trusted).toMatch(/"secrets":\{"data":"[^"]+","iv":"[^"]+"\}/);
  await cdp.detach();
  // Tests share the browser: leave no provider behind.
  await call(options, 'pageApi.setPresence', { mode: 'off', sites: [] });
  await call(options, 'providers.remove', { id: 'attacked' });
  await options.close();
  await page.close();
});

test('with the page API off, a page sees no trace of Switchyard; turned on for its site in the options, it finds window.switchyard', async ({ extension, pageServer }) => {
  const url = pageServer.serve(WATCHED_PAGE);
  const origin = new URL(url).origin;
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.waitForLoadState('load');
  // Long enough for the page reader (document_idle) to have run.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('undefined');
  expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toMatch(/switchyard|wxt/i);

  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#pages');
  await options.reload();
  const presence = options.getByTestId('page-presence');
  await expect(presence.getByLabel(/^Off/)).toBeChecked();
  await presence.getByLabel(/Only on sites I choose/).click();
  await expect(presence.getByLabel(/Only on sites I choose/)).toBeChecked();
  await presence.getByLabel('Site to allow').fill(origin);
  await presence.getByRole('button', { name: 'Add site' }).click();
  await expect(options.getByTestId('presence-result')).toContainText(`Added ${origin}`);
  await expect(presence.getByRole('list', { name: 'Sites with the page API' })).toContainText(origin);
  await options.screenshot({ path: screenshotPath('options-page-presence'), fullPage: true });

  await page.reload();
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('object');
  // (Asking for access would leave a pending request in the panels other tests share: page-api.spec.ts covers it.)
  expect(await page.evaluate(() => typeof (window as unknown as { switchyard: { chat?: unknown } }).switchyard.chat)).toBe('object');

  // Another origin (the same server as localhost) still sees nothing.
  const other = pageServer.serve(WATCHED_PAGE).replace('127.0.0.1', 'localhost');
  await page.goto(other);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('undefined');

  await presence.getByLabel(/^Off/).click();
  await expect(options.getByTestId('presence-result')).toContainText('off on every site');
  await page.goto(url);
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('undefined');
  await options.close();
  await page.close();
});
