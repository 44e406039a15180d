import { call, expect, streamChat, test } from './fixtures';
import { screenshot, textOf } from './page-helpers';

declare const browser: import('webextension-polyfill').Browser;

test('in Firefox: "Read the result pages" reads each page a search found in the background page, for a model without search', async ({ firefox, mock }) => {
  const options = await firefox.extensionPage('options');
  await options.bringToFront();
  expect((await call(options, 'providers.save', { settings: { id: 'ff-ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') } })).ok).toBe(true);

  // Added as a user would, access to every site granted from the click.
  await options.evaluate(() => (location.hash = '#providers'));
  await options.$eval('[data-testid="search-service"]', (card) => card.scrollIntoView({ block: 'center' }));
  await options.select('#search-service-kind', 'tavily');
  await options.locator('#search-service-key').fill('tvly-firefox-5e1d');
  await options.locator('[data-testid="search-service"] input[type="checkbox"]').click();
  await options.locator('[data-testid="search-service"] button').click();
  await textOf(options, '[data-testid="search-service-current"]', (t) => t.includes('Tavily · key ••••5e1d · reads the result pages'));
  expect(await options.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] }))).toBe(true);
  await screenshot(options, 'options-search-read-pages');
  // Tavily's address is the mock's here, whose results point at the mock's copies of the pages.
  expect((await call(options, 'search.save', { service: { kind: 'tavily', baseUrl: `${mock.url}/t/pages/tavily`, readPages: true } })).ok).toBe(true);

  mock.reset();
  mock.script('ollama', { text: 'It is 57.1 km long, under up to 2,300 m of rock [1].' });
  const text = await streamChat(options, { model: 'ff-ollama/llama3.2', messages: [{ role: 'user', content: 'How deep is the Gotthard Base Tunnel?' }], web_search_options: {} });
  expect(text).toContain('2,300 m of rock');
  const fetched = mock.requests.filter((r) => r.target === 'web');
  expect(fetched.map((r) => r.path).sort()).toEqual(['/web/rail.example/history', '/web/tunnels.example/gotthard']);
  const system = JSON.stringify(mock.requests.find((r) => r.format === 'ollama')!.body);
  expect(system).toContain('with up to 2,300 m of rock above it, the deepest');
  expect(system).toContain('Über 2600 Arbeiter waren beteiligt');
  expect(system).not.toContain('Subscribe to our newsletter');

  // Leave the profile as the other specs expect it.
  await call(options, 'search.save', { service: null });
  await call(options, 'providers.remove', { id: 'ff-ollama' });
  await options.evaluate(() => browser.permissions.remove({ origins: ['<all_urls>'] }));
});
