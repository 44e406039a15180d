import { addProvider, call, dropPendingJob, expect, ownExtension, pickModel, screenshotPath, systemOf, test as base, type Extension } from './fixtures';

// A browser of its own, where the user already allowed Tavily's address and every site (as their permission prompts would).
const test = base.extend<object, { extension: Extension }>({ extension: ownExtension({ grantedOrigins: ['https://api.tavily.com/*', '<all_urls>'] }) });


test('"Search the web" with a model that has no search of its own: the search service finds the pages, the answer cites them as numbered links', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') });
  expect((await call(options, 'providers.sync', { id: 'ollama' })).error).toBeUndefined();
  await dropPendingJob(options);

  // Added as a user would: Options → Providers → Web search for every model.
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  const card = options.getByTestId('search-service');
  await card.getByLabel('Search service').selectOption('tavily');
  await card.getByLabel('Tavily API key').fill('tvly-e2e-key-1234');
  await card.getByRole('button', { name: 'Save search service' }).click();
  await expect(card.getByTestId('search-service-notice')).toContainText('Tavily searches for models without search of their own.');
  await expect(card.getByTestId('search-service-current')).toHaveText('Tavily · key ••••1234');
  await card.screenshot({ path: screenshotPath('options-search-service') });
  // The key never reaches the page.
  expect(await options.content()).not.toContain('tvly-e2e-key-1234');
  // Tavily's address is the mock's here (the same key kept: only the address changes).
  expect((await call(options, 'search.save', { service: { kind: 'tavily', baseUrl: `${mock.url}/tavily` } })).ok).toBe(true);

  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'llama3.2:1b', 'ollama/llama3.2:1b');
  const toggle = panel.getByRole('button', { name: 'Search the web' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  mock.script('ollama', { text: 'It is 57.1 km long [1]. It opened in June 2016 [2].' });
  await panel.getByLabel('Message').fill('How long is the Gotthard Base Tunnel?');
  await panel.getByLabel('Message').press('Enter');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer.getByTestId('answer-sources')).toBeVisible({ timeout: 15_000 });
  const searched = mock.requests.find((r) => r.target === 'search')!;
  expect(searched.headers.authorization).toBe('Bearer tvly-e2e-key-1234');
  const system = JSON.stringify(mock.requests.at(-1)!.body.messages);
  expect(system).toContain('URL: https://tunnels.example/gotthard');
  await expect(answer.locator('.sy-bubble a')).toHaveText(['1', '2']);
  await expect(answer.locator('.sy-bubble a').first()).toHaveAttribute('href', 'https://tunnels.example/gotthard');
  await expect(answer.getByTestId('answer-sources').getByRole('link')).toHaveText(['Gotthard Base Tunnel', 'Swiss rail history']);
  await expect(answer.locator('.sy-bubble')).not.toContainText('[1]');
  await expect(answer.getByTestId('answer-meta')).toContainText('1 web search');
  await panel.screenshot({ path: screenshotPath('sidepanel-search-service') });
  await toggle.click();
});

test('"Read the result pages": the background reads each page the search found (Readability, in Chrome’s offscreen document), and the answer cites them', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') });
  expect((await call(options, 'providers.sync', { id: 'ollama' })).error).toBeUndefined();
  await dropPendingJob(options);
  // Tavily on the mock, whose results point at the mock's copies of the pages.
  expect((await call(options, 'search.save', { service: { kind: 'tavily', baseUrl: `${mock.url}/t/pages/tavily` }, apiKey: 'tvly-e2e-key-1234' })).ok).toBe(true);

  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.reload();
  const card = options.getByTestId('search-service');
  await expect(card.getByTestId('search-service-current')).toHaveText('Tavily · key ••••1234');
  await card.getByLabel(/Read the result pages/).check();
  await card.getByRole('button', { name: 'Save search service' }).click();
  await expect(card.getByTestId('search-service-notice')).toContainText('and Switchyard reads the pages it finds');
  await expect(card.getByTestId('search-service-current')).toHaveText('Tavily · key ••••1234 · reads the result pages');
  await card.screenshot({ path: screenshotPath('options-search-read-pages') });

  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'llama3.2:1b', 'ollama/llama3.2:1b');
  const toggle = panel.getByRole('button', { name: 'Search the web' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  mock.reset();
  mock.script('ollama', { text: 'It is 57.1 km long, with up to 2,300 m of rock above it [1]. Building it cost about 12.2 billion francs [2].' });
  await panel.getByLabel('Message').fill('How long and how deep is the Gotthard Base Tunnel?');
  await panel.getByLabel('Message').press('Enter');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer.getByTestId('answer-sources')).toBeVisible({ timeout: 20_000 });

  // Both pages fetched by the browser, without the user's cookies, and read down to their articles.
  const fetched = mock.requests.filter((r) => r.target === 'web');
  expect(fetched.map((r) => r.path).sort()).toEqual(['/web/rail.example/history', '/web/tunnels.example/gotthard']);
  expect(fetched.every((r) => r.headers.cookie === undefined)).toBe(true);
  const system = systemOf(mock.requests.find((r) => r.format === 'ollama' && r.path.includes('chat'))!.body);
  expect(system).toContain('with up to 2,300 m of rock above it, the deepest');
  expect(system).toContain('Über 2600 Arbeiter waren beteiligt');
  for (const chrome of ['Subscribe to our newsletter', 'Accept all cookies', 'tracking-script-text', 'footer-boilerplate']) expect(system).not.toContain(chrome);

  const citation = answer.locator('.sy-bubble a').first();
  await expect(answer.locator('.sy-bubble a')).toHaveText(['1', '2']);
  await expect(citation).toHaveAttribute('href', `${mock.url}/web/tunnels.example/gotthard`);
  await panel.screenshot({ path: screenshotPath('sidepanel-search-read-pages') });
  // A citation opens its page.
  const [opened] = await Promise.all([extension.context.waitForEvent('page'), citation.click()]);
  await expect(opened).toHaveURL(`${mock.url}/web/tunnels.example/gotthard`);
  await expect(opened.locator('h1')).toHaveText('Gotthard Base Tunnel');
  await opened.close();
  await toggle.click();
});
