import { call, expect, inContentScriptWorld, streamChat, test } from './fixtures';

const KEY = 'sk-ant-firefox-PLANTED-88a1f3c9';
const KEY_PARTS = ['PLANTED', '88a1f3c9', 'sk-ant-firefox'];

/** Everything a content script can reach in Firefox: every storage area (local is open to it there) and the page origin's databases. */
const READ_EVERYTHING = `(async () => {
  const out = {};
  for (const area of ['local', 'sync', 'managed', 'session']) {
    try { out[area] = browser.storage[area] ? await browser.storage[area].get(null) : 'no such area here'; }
    catch (e) { out[area] = 'refused: ' + e.message; }
  }
  try { out.indexedDB = (await indexedDB.databases()).map((d) => d.name); } catch (e) { out.indexedDB = 'refused: ' + e.message; }
  return JSON.stringify(out);
})()`;

test('in Firefox, a planted key is readable from no content-script world: storage holds it only sealed, and the key that opens it is out of reach', async ({ firefox, mock, pageServer }) => {
  const options = await firefox.extensionPage('options');
  const saved = await call(options, 'providers.save', {
    settings: { id: 'ff-attacked', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` },
    apiKey: KEY,
  });
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  mock.script('anthropic', { text: 'Firefox keeps it usable.' });
  expect(await streamChat(options, { model: 'ff-attacked/claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] })).toBe('Firefox keeps it usable.');
  expect(mock.requests.at(-1)!.headers['x-api-key']).toBe(KEY);

  const url = pageServer.serve('<!doctype html><title>Attacker</title><p>Reading what the extension left.</p>');
  const page = await firefox.browser.newPage();
  await page.goto(url);
  for (const presence of ['off', 'on'] as const) {
    if (presence === 'on') {
      await call(options, 'pageApi.setPresence', { mode: 'sites', sites: [new URL(url).origin] });
      await page.reload();
    }
    const found = await inContentScriptWorld<string>(options, url, READ_EVERYTHING);
    for (const part of KEY_PARTS) expect(found.includes(part), `${part} (${presence})`).toBe(false);
    const read = JSON.parse(found) as { local: { vault?: { secrets?: unknown } }; indexedDB: string[] };
    // Firefox lets content scripts read storage.local: what they find there is sealed.
    expect(read.local.vault?.secrets).toMatchObject({ iv: expect.any(String), data: expect.any(String) });
    expect(read.indexedDB).not.toContain('switchyard-device-key');
  }
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('object');

  await call(options, 'pageApi.setPresence', { mode: 'off', sites: [] });
  await call(options, 'providers.remove', { id: 'ff-attacked' });
  await page.close();
});

test('in Firefox, the page API is off by default and appears only on the site it is turned on for', async ({ firefox, pageServer }) => {
  const options = await firefox.extensionPage('options');
  const url = pageServer.serve('<!doctype html><title>A site</title><p>Hello</p>');
  const page = await firefox.browser.newPage();
  await page.goto(url);
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('undefined');

  const set = await call(options, 'pageApi.setPresence', { mode: 'sites', sites: [new URL(url).origin] });
  expect(set.ok, JSON.stringify(set.error)).toBe(true);
  await page.reload();
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('object');
  const access = await page.evaluate(() => (window as unknown as { switchyard: { requestAccess(): Promise<string> } }).switchyard.requestAccess());
  expect(access).toBe('pending');

  await call(options, 'pageApi.setPresence', { mode: 'off', sites: [] });
  await page.reload();
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('undefined');
  await page.close();
});
