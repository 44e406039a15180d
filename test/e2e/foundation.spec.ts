import { readFileSync } from 'node:fs';
import { addProvider, call, expect, screenshotPath, test } from './fixtures';

const ARTICLE = `<!doctype html>
<html lang="en"><head><title>Rail yards explained</title></head>
<body>
  <nav>Home · News · Sport · Weather</nav>
  <article>
    <h1>Rail yards explained</h1>
    <p class="byline">By Ada Points</p>
    <p>A classification yard sorts freight cars into trains. Cars roll over a hump and are switched onto the right track by points, one car at a time.</p>
    <p>Modern yards use retarders to slow each car so it couples gently with the cars already waiting on its track.</p>
    <p>The busiest hump yards sort more than three thousand cars a day, which is why a single switchyard can decide how fast goods cross a continent.</p>
  </article>
  <footer>Cookie settings · Contact</footer>
</body></html>`;

test('the side panel shows a reply from the background', async ({ extension }) => {
  const panel = await extension.open('sidepanel');
  await expect(panel.getByTestId('background-status')).toContainText(`Background ready · v${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}`);
  await panel.screenshot({ path: screenshotPath('sidepanel-ready') });
});

test('"Use this page" on a browser page gets the background’s explanation', async ({ extension, mock }) => {
  const panel = await extension.open('options');
  await addProvider(panel, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: `${mock.url}/ollama` });
  const sidepanel = await extension.open('sidepanel');
  await sidepanel.getByTestId('use-page').click();
  await expect(sidepanel.getByTestId('page-error')).toContainText("can't be read by extensions");
});

test('the content script hands the page text to the side panel', async ({ extension, pageServer, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: `${mock.url}/ollama` });
  const url = pageServer.serve(ARTICLE);
  const panel = await extension.open('sidepanel');
  const article = await extension.context.newPage();
  await article.goto(url);
  await article.bringToFront();

  await panel.getByTestId('use-page').click();
  const chip = panel.getByTestId('page-chip');
  await expect(chip).toContainText('Rail yards explained');
  await chip.locator('summary').click();
  await expect(chip).toContainText('A classification yard sorts freight cars into trains.');
  await expect(chip).toContainText(url);
  await expect(chip).not.toContainText('Cookie settings');
  await panel.screenshot({ path: screenshotPath('sidepanel-page-read') });
  await article.close();
});

test('the background reads a tab by id, and refuses calls from web pages', async ({ extension, pageServer }) => {
  const url = pageServer.serve(ARTICLE);
  const article = await extension.context.newPage();
  await article.goto(url);
  const tabId = await extension.worker.evaluate(
    async (pageUrl) => (await chrome.tabs.query({ url: pageUrl }))[0]?.id,
    url,
  );
  expect(tabId).toEqual(expect.any(Number));

  const panel = await extension.open('sidepanel');
  const reply = await panel.evaluate(
    (id) => chrome.runtime.sendMessage({ channel: 'switchyard', type: 'page.read', payload: { tabId: id } }),
    tabId,
  );
  expect(reply).toMatchObject({ ok: true, data: { title: 'Rail yards explained', extractedWith: 'readability' } });

  const forged = await panel.evaluate(() =>
    chrome.runtime.sendMessage({ channel: 'switchyard', type: 'page.read', payload: { tabId: 'all' } }),
  );
  expect(forged).toMatchObject({ ok: false, error: { code: 'invalid_message' } });

  // The page itself has no way to reach the extension: no externally_connectable.
  const fromPage = await article.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage);
  expect(fromPage).toBe('undefined');
  await article.close();
});

test('the popup and the options page reach the background', async ({ extension }) => {
  const options = await extension.open('options');
  await expect(options.getByTestId('background-status')).toContainText('Background ready');
  await options.screenshot({ path: screenshotPath('options-ready') });
  const popup = await extension.open('popup');
  await expect(popup.getByTestId('spend-today')).toHaveText(/^\$/);
  await popup.screenshot({ path: screenshotPath('popup-ready') });
});

test('with no provider, the side panel leads a new user to add a key or a local model', async ({ extension }) => {
  const options = await extension.open('options');
  const { data } = await call<{ id: string }[]>(options, 'providers.list');
  for (const provider of data ?? []) await call(options, 'providers.remove', { id: provider.id });
  const panel = await extension.open('sidepanel');
  const onboarding = panel.getByTestId('no-models');
  await expect(onboarding).toContainText('Add a provider to start');
  await expect(onboarding.getByRole('button', { name: 'Open settings' })).toBeVisible();
  await panel.screenshot({ path: screenshotPath('sidepanel-first-run') });
});
