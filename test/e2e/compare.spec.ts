import type { Page } from '@playwright/test';
import { makePng } from '../support/png';
import { addProvider, call, expect, screenshotPath, test, type Extension } from './fixtures';

/** Picks the model of a compare column through its picker. */
async function choose(panel: Page, index: number, search: string, name: RegExp) {
  await panel.getByTestId(`compare-model-${index}`).getByTestId('compare-picker').click();
  await panel.getByLabel('Search models').fill(search);
  await panel.getByRole('option', { name }).first().click();
}

async function setUp(extension: Extension, mockUrl: string) {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mockUrl}/anthropic` }, 'sk-ant-cmp-1');
  await addProvider(options, { id: 'openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: `${mockUrl}/openai/v1` }, 'sk-oai-cmp-1');
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: `${mockUrl}/ollama` });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  return options;
}

test('three models compared side by side: one falls back with its trace shown, and the vote lands on the leaderboard', async ({ extension, mock }) => {
  const options = await setUp(extension, mock.url);
  await call(options, 'routing.save', { fallbackChain: ['ollama/llama3.2'], providerOrder: [], sort: 'none', timeouts: {}, retry: { maxRetries: 0 } });
  const panel = await extension.open('sidepanel');
  await panel.getByRole('tab', { name: 'Compare' }).click();

  await choose(panel, 0, 'haiku 4.5', /Claude Haiku 4\.5/);
  await choose(panel, 1, 'gpt-4o mini', /GPT-4o mini/);
  await panel.getByRole('button', { name: 'Add a model' }).click();
  await choose(panel, 2, 'llama 3.2', /Llama 3\.2 3B/);

  mock.script('anthropic', { fault: { type: 'status', status: 503, message: 'Overloaded' } });
  mock.script('openai', { text: 'GPT says: yards sort **freight**.', chunkDelayMs: 10 });
  mock.script('ollama', { text: 'Llama says: trains are sorted on humps.', times: 2 });
  await panel.getByLabel('Compare prompt').fill('What does a rail yard do?');
  await panel.getByLabel('Compare prompt').press('Enter');

  const columns = [0, 1, 2].map((i) => panel.getByTestId(`column-${i}`));
  await expect(columns[1]!.locator('strong').last()).toHaveText('freight');
  await expect(columns[2]!).toContainText('Llama says');
  await expect(columns[0]!).toContainText('Llama says');
  await expect(columns[0]!.getByTestId('answer-meta')).toContainText('via ollama');
  await expect(columns[0]!.getByTestId('answer-meta')).toContainText('fell back after 1 attempt');
  await columns[0]!.locator('summary').click();
  await expect(columns[0]!).toContainText('anthropic/claude-haiku-4-5: error (503)');
  for (const column of columns) await expect(column.getByTestId('answer-meta')).toContainText('first token');

  await columns[1]!.getByRole('button', { name: 'Pick openai/gpt-4o-mini as best' }).click();
  await expect(columns[1]!.getByRole('button', { name: 'openai/gpt-4o-mini: best' })).toHaveText('★ Best');
  const board = panel.getByTestId('leaderboard');
  await expect(board.locator('tr', { hasText: 'openai/gpt-4o-mini' })).toContainText('1');
  await panel.screenshot({ path: screenshotPath('sidepanel-compare'), fullPage: true });

  // Switching to the chat and back keeps the columns.
  await panel.getByRole('tab', { name: 'Chat' }).click();
  await panel.getByRole('tab', { name: 'Compare' }).click();
  await expect(columns[2]!).toContainText('Llama says');

  // A saved comparison reopens later, with its answers and its vote.
  const later = await extension.open('sidepanel');
  await later.getByRole('tab', { name: 'Compare' }).click();
  await later.getByRole('button', { name: 'Saved comparisons' }).click();
  await later.getByRole('list', { name: 'Saved comparisons' }).getByRole('button', { name: /What does a rail yard do\?/ }).first().click();
  await expect(later.getByTestId('column-1')).toContainText('GPT says: yards sort freight.');
  await expect(later.getByTestId('column-1').getByRole('button', { name: /: best$/ })).toHaveText('★ Best');
  await expect(later.getByTestId('column-0').getByTestId('answer-meta')).toContainText('fell back after 1 attempt');
  await later.close();
  await call(options, 'routing.save', { fallbackChain: [], providerOrder: [], sort: 'none', timeouts: {}, retry: {} });
});

test('a blind comparison hides the models until the vote, and its votes teach auto which model to pick for that kind of prompt', async ({ extension, mock }) => {
  const options = await setUp(extension, mock.url);
  await call(options, 'routing.save', { fallbackChain: [], providerOrder: [], sort: 'none', timeouts: {}, retry: {}, learnFromVotes: 'on' });
  const code = { model: 'auto', messages: [{ role: 'user', content: 'Write a Python function that merges two sorted lists.' }] };
  const before = await call<{ candidates: { model: string }[] }>(options, 'chat.estimate', { body: code });
  expect(before.data!.candidates[0]!.model).toBe('gpt-4.1-mini');

  const panel = await extension.open('sidepanel');
  await panel.getByRole('tab', { name: 'Compare' }).click();
  await choose(panel, 0, 'gpt-4.1 mini', /GPT-4\.1 mini/);
  await choose(panel, 1, 'haiku 4.5', /Claude Haiku 4\.5/);
  await panel.getByLabel('Blind').check();

  for (const prompt of ['Write a TypeScript function that debounces another', 'Refactor this Python class into dataclasses']) {
    mock.script('anthropic', { text: 'A careful answer with tests.', chunkDelayMs: 5 });
    mock.script('openai', { text: 'A quick answer.', chunkDelayMs: 5 });
    await panel.getByLabel('Compare prompt').fill(prompt);
    await panel.getByLabel('Compare prompt').press('Enter');
    const columns = panel.locator('.sy-columns');
    await expect(panel.getByRole('button', { name: 'Pick Answer A as best' })).toBeEnabled();
    await expect(panel.getByRole('button', { name: 'Pick Answer B as best' })).toBeEnabled();
    // Nothing in the columns says which model wrote which answer.
    await expect(panel.getByTestId('column-name')).toHaveText(['Answer A', 'Answer B']);
    await expect(columns.getByTestId('answer-meta')).toHaveCount(0);
    await expect(columns).not.toContainText(/gpt|claude|openai|anthropic/i);
    if (prompt.startsWith('Write')) await panel.screenshot({ path: screenshotPath('sidepanel-compare-blind'), fullPage: true });

    const careful = panel.locator('.sy-column', { hasText: 'A careful answer' });
    const letter = (await careful.getByTestId('column-name').textContent())!;
    await careful.getByRole('button', { name: `Pick ${letter} as best` }).click();
    // The vote reveals every column's model, and still says which letter it was.
    await expect(careful.getByTestId('column-name')).toHaveText(`anthropic/claude-haiku-4-5 · ${letter}`);
    await expect(columns.getByTestId('answer-meta')).toHaveCount(2);
  }
  await expect(panel.getByTestId('leaderboard').locator('tr', { hasText: 'anthropic/claude-haiku-4-5' })).toBeVisible();
  await panel.getByLabel('Kind of prompt').selectOption({ label: 'Code (2 votes)' });
  await expect(panel.getByTestId('leaderboard').locator('tbody tr').first()).toContainText('anthropic/claude-haiku-4-5');

  const after = await call<{ candidates: { model: string }[]; route: string }>(options, 'chat.estimate', { body: code });
  expect(after.data!.candidates[0]!.model).toBe('claude-haiku-4-5');
  expect(after.data!.route).toContain('your pick for code prompts');
  // Other kinds of prompt are not affected.
  const chat = await call<{ candidates: { model: string }[] }>(options, 'chat.estimate', { body: { model: 'auto', messages: [{ role: 'user', content: 'Write a friendly note to thank my team for a year of hard work, with a line about each project.' }] } });
  expect(chat.data!.candidates[0]!.model).not.toBe('claude-haiku-4-5');
  await panel.getByLabel('Blind').uncheck();
  await call(options, 'routing.save', { fallbackChain: [], providerOrder: [], sort: 'none', timeouts: {}, retry: {}, learnFromVotes: 'off' });
});

test('"Summarize with" on a selection opens the side panel summary with the selected text in the prompt; the popup shows the spend', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  // An open side panel takes the job itself; start with none, as after a fresh click.
  for (const open of extension.context.pages()) if (open.url().includes('sidepanel.html')) await open.close();
  const url = pageServer.serve('<!doctype html><title>Timetable notes</title><p id="t">The 08:15 freight to Oslo now leaves from track 7 because of works on the hump.</p>');
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('t')!);
    getSelection()!.addRange(range);
  });
  const selected = await page.evaluate(() => getSelection()!.toString());
  const tab = await extension.worker.evaluate(async (u) => {
    const [t] = await chrome.tabs.query({ url: u });
    return { id: t!.id, windowId: t!.windowId, title: t!.title };
  }, url);

  mock.script('openai', { text: 'Summary: the 08:15 freight moved to track 7.', usage: { prompt: 40_000, completion: 4_000 } });
  await extension.worker.evaluate(
    ([info, t]) => (globalThis as unknown as { switchyardDebug: { onMenuClick(i: unknown, t: unknown): Promise<void> } }).switchyardDebug.onMenuClick(info, t),
    [{ menuItemId: 'sy-summarize:openai/gpt-4o-mini', selectionText: selected, pageUrl: url }, tab] as const,
  );
  const panel = await extension.open('sidepanel');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer).toContainText('Summary: the 08:15 freight moved to track 7.');
  const prompt = JSON.stringify(mock.requests.at(-1)!.body.messages);
  expect(prompt).toContain('now leaves from track 7 because of works on the hump');
  expect(prompt).toContain('Timetable notes');
  await expect(panel.getByTestId('message-user').last()).toContainText('Summarize this');
  await panel.screenshot({ path: screenshotPath('sidepanel-context-menu-summary') });

  const rows = await call<{ rows: { source: string; cost: number }[] }>(panel, 'ledger.list', { filter: { source: 'context-menu' } });
  expect(rows.data!.rows[0]!.source).toBe('context-menu');
  const today = await call<{ cost: number }>(panel, 'ledger.spent', { from: '1970-01-01', to: '2999-12-31' });
  const popup = await extension.open('popup');
  const spent = today.data!.cost;
  expect(spent).toBeGreaterThanOrEqual(0.0084); // 40,000 × $0.15/M + 4,000 × $0.60/M
  await expect(popup.getByTestId('spend-month')).toHaveText(`$${spent < 0.01 ? spent.toFixed(4) : spent.toFixed(spent < 1 ? 3 : 2)}`);
  await popup.screenshot({ path: screenshotPath('popup-spend') });
});

test('"Compare summaries…" on a selection opens a comparison of three models in the side panel', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  for (const open of extension.context.pages()) if (open.url().includes('sidepanel.html')) await open.close();
  const url = pageServer.serve('<!doctype html><title>Notes</title><p>Hump yards sort wagons by gravity.</p>');
  const page = await extension.context.newPage();
  await page.goto(url);
  const tab = await extension.worker.evaluate(async (u) => {
    const [t] = await chrome.tabs.query({ url: u });
    return { id: t!.id, windowId: t!.windowId, title: t!.title };
  }, url);
  await extension.worker.evaluate(
    ([info, t]) => (globalThis as unknown as { switchyardDebug: { onMenuClick(i: unknown, t: unknown): Promise<void> } }).switchyardDebug.onMenuClick(info, t),
    [{ menuItemId: 'sy-compare', selectionText: 'Hump yards sort wagons by gravity.', pageUrl: url }, tab] as const,
  );
  const panel = await extension.open('sidepanel');
  await expect(panel.getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.sy-compare-prompt')).toContainText('Hump yards sort wagons by gravity.');
  for (const i of [0, 1, 2]) await expect(panel.getByTestId(`column-${i}`)).toBeVisible();
  for (const i of [0, 1, 2]) await expect(panel.getByTestId(`column-${i}`).getByRole('button', { name: /^Pick .* as best$|: best$/ })).toBeVisible({ timeout: 15_000 });
  await panel.screenshot({ path: screenshotPath('sidepanel-compare-from-menu'), fullPage: true });
});

test('an image goes with a comparison to every model, and only models that see images can be compared on it', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const panel = await extension.open('sidepanel');
  await panel.getByRole('tab', { name: 'Compare' }).click();
  await choose(panel, 0, 'haiku 4.5', /Claude Haiku 4\.5/);
  await choose(panel, 1, 'llama 3.2', /Llama 3\.2 3B/);
  const compare = panel.locator('section.sy-compare');
  await compare.getByLabel('Attach an image').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: makePng(640, 480) });
  await expect(compare.getByRole('img', { name: 'Attached image 1' })).toBeVisible();
  // An image pasted into the prompt box joins it.
  const png = makePng(320, 200).toString('base64');
  await compare.getByLabel('Compare prompt').evaluate((box, data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
  }, png);
  await expect(compare.getByRole('img', { name: 'Attached image 2' })).toBeVisible();
  await expect(compare.getByTestId('compare-vision-needed')).toContainText('meta-llama/llama-3.2-3b-instruct cannot read images');
  await compare.getByLabel('Compare prompt').fill('What does this chart show?');
  await expect(compare.getByRole('button', { name: 'Compare' })).toBeDisabled();

  await choose(panel, 1, 'gpt-4o mini', /GPT-4o mini/);
  await expect(compare.getByTestId('compare-vision-needed')).toHaveCount(0);
  mock.script('anthropic', { text: 'Claude sees a blue chart.' });
  mock.script('openai', { text: 'GPT sees a blue chart.' });
  await compare.getByRole('button', { name: 'Compare' }).click();
  await expect(panel.getByTestId('column-0')).toContainText('Claude sees a blue chart.');
  await expect(panel.getByTestId('column-1')).toContainText('GPT sees a blue chart.');
  const claude = mock.requests.filter((r) => r.format === 'anthropic').at(-1)!.body as { messages: { content: { type: string; source?: { media_type: string } }[] }[] };
  expect(claude.messages.at(-1)!.content.filter((b) => b.type === 'image').map((b) => b.source!.media_type)).toEqual(['image/png', 'image/png']);
  const gpt = mock.requests.filter((r) => r.format === 'openai').at(-1)!.body as { messages: { content: { type: string; image_url?: { url: string } }[] }[] };
  expect(gpt.messages.at(-1)!.content.find((p) => p.type === 'image_url')!.image_url!.url).toMatch(/^data:image\/png;base64,/);
  await expect(compare.getByRole('img', { name: 'Image 2 sent with this prompt' })).toBeVisible();

  // Reopened later, the comparison shows the images that went with its prompt.
  const later = await extension.open('sidepanel');
  await later.getByRole('tab', { name: 'Compare' }).click();
  await later.getByRole('button', { name: 'Saved comparisons' }).click();
  await later.getByRole('list', { name: 'Saved comparisons' }).getByRole('button', { name: /What does this chart show\?/ }).first().click();
  await expect(later.getByRole('img', { name: /sent with this prompt/ })).toHaveCount(2);
  await later.close();
});

test('"Search the web" in compare: each model searches, and each answer cites its sources as numbered links with a sources list', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const panel = await extension.open('sidepanel');
  await panel.getByRole('tab', { name: 'Compare' }).click();
  await choose(panel, 0, 'haiku 4.5', /Claude Haiku 4\.5/);
  await choose(panel, 1, 'sonnet 4.5', /Claude Sonnet 4\.5/);
  const toggle = panel.getByRole('button', { name: 'Search the web' });
  // The setting is the browser's: another test in this browser may have left it on.
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  mock.script('anthropic', {
    text: 'The Gotthard Base Tunnel is 57.1 km long. It opened in June 2016.',
    search: {
      queries: ['Gotthard Base Tunnel'],
      sources: [
        { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', cites: 'The Gotthard Base Tunnel is 57.1 km long.' },
        { url: 'https://rail.example/history', title: 'Swiss rail history', cites: 'It opened in June 2016.' },
      ],
    },
    times: 2,
  });
  await panel.getByLabel('Compare prompt').fill('How long is the Gotthard Base Tunnel?');
  await panel.getByLabel('Compare prompt').press('Enter');
  for (const index of [0, 1]) {
    const column = panel.getByTestId(`column-${index}`);
    await expect(column.getByTestId('answer-meta')).toContainText('1 web search');
    await expect(column.locator('.sy-bubble a')).toHaveText(['1', '2']);
    await expect(column.getByTestId('answer-sources').getByRole('link')).toHaveText(['Gotthard Base Tunnel', 'Swiss rail history']);
  }
  // Both requests asked Claude to search.
  expect(mock.requests.slice(-2).every((r) => JSON.stringify(r.body.tools).includes('web_search_20250305'))).toBe(true);
  await panel.screenshot({ path: screenshotPath('sidepanel-compare-web-search'), fullPage: true });
  // Off again, for the tests that follow in this browser.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});
