import type { Page } from '@playwright/test';
import { addProvider, call, dropPendingJob, expect, ownExtension, screenshotPath, test as base, type Extension } from './fixtures';

// A browser of its own, where the user already allowed Tavily's address (as its permission prompt would).
const test = base.extend<object, { extension: Extension }>({ extension: ownExtension({ grantedOrigins: ['https://api.tavily.com/*'] }) });

async function pickModel(panel: Page, search: string, id: string) {
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill(search);
  await panel.locator(`[role="option"][title="${id}"]`).click();
}

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
