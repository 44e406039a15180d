import { addProvider, call, dropPendingJob, expect, ownExtension, pickModel, screenshotPath, systemOf, test as base, type Extension } from './fixtures';

// A browser of its own: the tab list shows every tab of the window, and the model's window is set here.
const test = base.extend<object, { extension: Extension }>({ extension: ownExtension() });

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
const LONG = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i}: the night freight waits at the signal box while the yard master checks each wagon's seal.</p>`).join('');



test.beforeAll(async ({ extension, mock }) => {
  const options = await extension.open('options');
  // A custom host (no key, as a local server) whose model has a 6,000-token window: room for two short tabs whole and a long one cut.
  await addProvider(options, { id: 'lab', name: 'Lab server', kind: 'openai', baseUrl: mock.baseUrl('openai', 'local-tabs'), contextWindows: { 'mock-model': 6000 } });
  expect((await call(options, 'providers.sync', { id: 'lab' })).error).toBeUndefined();
  await dropPendingJob(options);
  await options.close();
});

test('a question about three tabs: picked from the window, each read and fitted to its share, the answer citing all three', async ({ extension, mock, pageServer }) => {
  const urls = [
    pageServer.serve(page('Timetable', '<p>The IC 42 leaves Basel at 08:15 from track 7.</p>')),
    pageServer.serve(page('Fares', '<p>A day pass between Basel and Zurich costs 38 francs.</p>')),
    pageServer.serve(page('Night freight', LONG)),
  ];
  const tabs = [];
  for (const url of urls) {
    const tab = await extension.context.newPage();
    await tab.goto(url);
    tabs.push(tab);
  }
  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'mock-model', 'lab/mock-model');

  await panel.getByTestId('add-tabs').click();
  const picker = panel.getByTestId('tab-picker');
  const list = picker.getByRole('list', { name: 'Open tabs' });
  for (const title of ['Timetable', 'Fares', 'Night freight']) await expect(list).toContainText(title);
  // The side panel's own page is a tab here, and no page Switchyard may read.
  await expect(picker.getByRole('checkbox', { name: /Switchyard/ })).toBeDisabled();
  for (const title of ['Timetable', 'Fares', 'Night freight']) await picker.getByRole('checkbox', { name: new RegExp(title) }).check();
  await expect(picker.getByTestId('add-picked-tabs')).toHaveText('Add 3 tabs');
  await picker.screenshot({ path: screenshotPath('sidepanel-tab-picker') });
  await picker.getByTestId('add-picked-tabs').click();
  await expect(picker).toHaveCount(0);

  // A chip per tab, numbered; the long one cut to what the two short ones leave it.
  const chips = panel.getByTestId('tab-chip');
  await expect(chips).toHaveCount(3);
  await expect(chips.nth(0)).toContainText('1Timetable');
  await expect(panel.getByTestId('tab-amount').nth(0)).toHaveText(/^1\d words$/);
  await expect(panel.getByTestId('tab-amount').nth(1)).toHaveText(/^1\d words$/);
  await expect(panel.getByTestId('tab-amount').nth(2)).toHaveText(/^first [\d,]+ of [\d,]+ words$/);
  await panel.screenshot({ path: screenshotPath('sidepanel-tabs') });

  mock.script('openai', { target: 'local-tabs', text: 'IC 42 leaves at 08:15 [1]. A day pass costs 38 francs [2]. Freight waits at the signal box [3].' });
  await panel.getByLabel('Message').fill('Plan my trip from these tabs.');
  await panel.getByLabel('Message').press('Enter');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer.getByTestId('answer-sources')).toBeVisible({ timeout: 15_000 });
  const system = systemOf(mock.requests.at(-1)!.body);
  expect(system).toContain('<page number="1">');
  expect(system).toContain('The IC 42 leaves Basel at 08:15 from track 7.');
  expect(system).toContain('<page number="2">');
  expect(system).toContain('A day pass between Basel and Zurich costs 38 francs.');
  expect(system).toContain('<page number="3">');
  expect(system).toContain('Paragraph 0: the night freight');
  expect(system).not.toContain('Paragraph 399');
  // The marks became links to the tabs, and the tabs are the answer's sources.
  const marks = answer.locator('.sy-bubble a');
  await expect(marks).toHaveText(['1', '2', '3']);
  for (const [i, url] of urls.entries()) await expect(marks.nth(i)).toHaveAttribute('href', url);
  await expect(answer.getByTestId('answer-sources').getByRole('link')).toHaveText(['Timetable', 'Fares', 'Night freight']);
  await expect(answer.locator('.sy-bubble')).not.toContainText('[1]');
  await panel.screenshot({ path: screenshotPath('sidepanel-tabs-answer') });

  for (const tab of tabs) await tab.close();
  await panel.close();
});

test('a tab taken out of the question, and one added to a page already in it', async ({ extension, pageServer }) => {
  const first = await extension.context.newPage();
  await first.goto(pageServer.serve(page('Platform map', '<p>Track 7 is at the north end of the hall.</p>')));
  const second = await extension.context.newPage();
  await second.goto(pageServer.serve(page('Luggage rules', '<p>Two bags travel free on every train.</p>')));
  const panel = await extension.open('sidepanel');
  await first.bringToFront();
  await panel.getByTestId('use-page').click();
  await expect(panel.getByTestId('page-chip')).toContainText('Platform map');

  await panel.getByTestId('add-tabs').click();
  const picker = panel.getByTestId('tab-picker');
  // The page in the question is listed as such.
  await expect(picker.getByRole('checkbox', { name: /Platform map/ })).toBeChecked();
  await expect(picker.getByRole('checkbox', { name: /Platform map/ })).toBeDisabled();
  await picker.getByRole('checkbox', { name: /Luggage rules/ }).check();
  await picker.getByRole('button', { name: 'Add 1 tab' }).click();
  await expect(panel.getByTestId('tab-chip')).toHaveText([/1Platform map/, /2Luggage rules/]);

  await panel.getByRole('button', { name: /^Remove Platform map/ }).click();
  await expect(panel.getByTestId('tab-chip')).toHaveText([/1Luggage rules/]);
  await panel.getByRole('button', { name: 'Stop using these tabs' }).click();
  await expect(panel.getByTestId('tab-chip')).toHaveCount(0);
  await expect(panel.getByTestId('use-page')).toBeVisible();
  await first.close();
  await second.close();
  await panel.close();
});

test('"Ask about these tabs…" on the tabs selected in the strip puts them all in the side panel’s question', async ({ extension, pageServer }) => {
  for (const open of extension.context.pages()) if (open.url().includes('sidepanel.html')) await open.close();
  const urls = [pageServer.serve(page('Departures', '<p>Trains leave every half hour.</p>')), pageServer.serve(page('Arrivals', '<p>The last train arrives at midnight.</p>'))];
  const tabs = [];
  for (const url of urls) {
    const tab = await extension.context.newPage();
    await tab.goto(url);
    tabs.push(tab);
  }
  // Both selected in the tab strip (ctrl-click), the menu opened on the second.
  const clicked = await extension.worker.evaluate(async (addresses) => {
    const found = await Promise.all(addresses.map(async (u) => (await chrome.tabs.query({ url: u }))[0]!));
    await chrome.tabs.highlight({ windowId: found[0]!.windowId, tabs: found.map((t) => t.index) });
    return { id: found[1]!.id, windowId: found[1]!.windowId };
  }, urls);
  await extension.worker.evaluate(
    ([info, tab]) => (globalThis as unknown as { switchyardDebug: { onMenuClick(i: unknown, t: unknown): Promise<void> } }).switchyardDebug.onMenuClick(info, tab),
    [{ menuItemId: 'sy-ask-tabs', pageUrl: urls[1] }, clicked] as const,
  );
  const panel = await extension.open('sidepanel');
  await expect(panel.getByTestId('tab-chip')).toHaveText([/1Departures/, /2Arrivals/]);
  await expect(panel.getByTestId('tabs-not-read')).toHaveCount(0);
  for (const tab of tabs) await tab.close();
  await panel.close();
});

test("a video page's captions: its transcript, with timestamps, is what the model reads", async ({ extension, mock, pageServer }) => {
  const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the hump yard.\n\n00:01:10.000 --> 00:01:14.000\nEach wagon rolls to its track by gravity.\n';
  const track = pageServer.serveFile('/lecture.vtt', Buffer.from(vtt), 'text/vtt');
  const url = pageServer.serve(page('Yard lecture', `<p>A short film about sorting wagons.</p><video controls width="320"><track kind="captions" src="${new URL(track).pathname}" srclang="en" label="English" default></video>`));
  const tab = await extension.context.newPage();
  await tab.goto(url);
  const panel = await extension.open('sidepanel');
  await tab.bringToFront();
  await pickModel(panel, 'mock-model', 'lab/mock-model');
  await panel.getByTestId('use-page').click();
  const chip = panel.getByTestId('page-chip');
  await expect(chip).toContainText('Yard lecture');
  await chip.locator('summary').click();
  await expect(chip).toContainText('Transcript of the video (captions: English):');
  await expect(chip).toContainText('[1:10] Each wagon rolls to its track by gravity.');

  mock.script('openai', { target: 'local-tabs', text: 'Gravity moves them.' });
  await panel.getByLabel('Message').fill('How do wagons reach their track?');
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Gravity moves them.', { timeout: 15_000 });
  expect(systemOf(mock.requests.at(-1)!.body)).toContain('[0:01] Welcome to the hump yard.');
  await tab.close();
  await panel.close();
});
