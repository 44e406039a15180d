import { makePdf } from '../support/pdf';
import { addProvider, call, dropPendingJob, expect, ownExtension, pickModel, screenshotPath, systemOf, test as base, type Extension } from './fixtures';

// A browser of its own: the models offered depend on exactly these providers.
const test = base.extend<object, { extension: Extension }>({ extension: ownExtension() });

/** An article of about 1,500 words (some 2,400 tokens): nothing a real window cuts, all of it lost when the page limit was 0. */
const paragraphs = Array.from({ length: 60 }, (_, i) => `<p>Section ${i}: the switching yard sorts inbound wagons by destination and sends each train out within the hour.</p>`);
const ARTICLE = `<!doctype html><html lang="en"><head><title>How a hump yard works</title></head><body><article><h1>How a hump yard works</h1>${paragraphs.join('')}<p>Closing line: the yard never sleeps.</p></article></body></html>`;


async function openOn(extension: Extension, url: string) {
  const panel = await extension.open('sidepanel');
  const tab = await extension.context.newPage();
  await tab.goto(url).catch(() => undefined); // a PDF opens in the viewer, or downloads in a headless browser
  await tab.bringToFront();
  return { panel, tab };
}


test.beforeAll(async ({ extension, mock }) => {
  const options = await extension.open('options');
  // A custom OpenAI-compatible host whose /models says nothing of windows, and Ollama found with no key.
  await addProvider(options, { id: 'lab', name: 'Lab server', kind: 'openai', baseUrl: mock.baseUrl('openai', 'local-lab') });
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') });
  for (const id of ['lab', 'ollama']) expect((await call(options, 'providers.sync', { id })).ok).toBe(true);
  await dropPendingJob(options);
  await options.close();
});

test("a custom host's model the catalog does not know gets the article whole, and the chip says so before sending", async ({ extension, mock, pageServer }) => {
  const { panel, tab } = await openOn(extension, pageServer.serve(ARTICLE));
  await pickModel(panel, 'mock-model', 'lab/mock-model');
  await panel.getByTestId('use-page').click();
  await expect(panel.getByTestId('page-chip')).toContainText('How a hump yard works');
  await expect(panel.getByTestId('page-amount')).toHaveText(/^1,\d{3} words$/);
  await expect(panel.getByTestId('page-trimmed')).toHaveCount(0);
  await panel.getByLabel('Message').fill('How fast does the yard send trains out?');
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Mock', { timeout: 15_000 });
  const system = systemOf(mock.requests.at(-1)!.body);
  expect(system).toContain('Section 0: the switching yard');
  expect(system).toContain('Closing line: the yard never sleeps.');
  await panel.screenshot({ path: screenshotPath('page-window-custom-host') });
  await tab.close();
  await panel.close();
});

test("Ollama's llama3.2:1b (131,072 tokens, told by /api/show) gets a long PDF whole, and is asked for the window it needs", async ({ extension, mock, pageServer }) => {
  // 30 pages of 40 lines: about 17,000 tokens, four times Ollama's default window.
  const pages = Array.from({ length: 30 }, (_, p) => Array.from({ length: 40 }, (_, l) => `Page ${p + 1} line ${l + 1}: wagons roll over the hump into their tracks.`));
  pages[29]![39] = 'The last line of the handbook.';
  const url = pageServer.serveFile('/files/long-handbook.pdf', makePdf(pages, 'Long yard handbook'), 'application/pdf');
  const { panel, tab } = await openOn(extension, url);
  await pickModel(panel, 'llama3.2:1b', 'ollama/llama3.2:1b');
  await panel.getByTestId('use-page').click();
  await expect(panel.getByTestId('page-chip')).toContainText('Long yard handbook');
  await expect(panel.getByTestId('page-amount')).toHaveText(/^\d{2},\d{3} words$/);
  await panel.getByLabel('Message').fill('What is on the last page?');
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Mock ollama answer', { timeout: 20_000 });
  const sent = mock.requests.at(-1)!;
  expect(sent.format).toBe('ollama');
  const system = systemOf(sent.body);
  expect(system).toContain('Page 1 line 1: wagons roll');
  expect(system).toContain('The last line of the handbook.');
  const numCtx = (sent.body.options as { num_ctx?: number } | undefined)?.num_ctx ?? 0;
  expect(numCtx).toBeGreaterThanOrEqual(Math.ceil(system.length / 4));
  expect(numCtx).toBeLessThanOrEqual(131_072);
  await tab.close();
  await panel.close();
});

test('a window set too small for the page: the panel says so before sending, offers a model with room, and sends nothing empty', async ({ extension, mock, pageServer }) => {
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.getByTestId('provider-lab').getByRole('button', { name: 'Edit' }).click();
  await options.getByLabel('Context windows', { exact: true }).fill('mock-model = 512');
  await options.getByRole('button', { name: 'Save provider' }).click();
  await expect(options.getByTestId('provider-lab')).toBeVisible();
  await options.close();

  const { panel, tab } = await openOn(extension, pageServer.serve(ARTICLE));
  await pickModel(panel, 'mock-model', 'lab/mock-model');
  await panel.getByTestId('use-page').click();
  const alert = panel.getByTestId('page-no-room');
  await expect(alert).toContainText("mock-model's context window (512 tokens) leaves no room for this page");
  await expect(alert).toContainText(/holds it whole/);
  await panel.getByLabel('Message').fill('Summarize');
  await expect(panel.getByRole('button', { name: 'Send' })).toBeDisabled();
  await panel.screenshot({ path: screenshotPath('page-window-no-room') });
  const before = mock.requests.length;
  await panel.getByLabel('Message').press('Enter');
  await panel.waitForTimeout(300);
  expect(mock.requests.length).toBe(before);

  // The model offered has room: the page goes whole to it.
  await alert.getByRole('button', { name: /^Use / }).click();
  await expect(panel.getByTestId('page-no-room')).toHaveCount(0);
  await expect(panel.getByTestId('page-amount')).toHaveText(/^1,\d{3} words$/);
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last()).toContainText('Mock', { timeout: 15_000 });
  expect(systemOf(mock.requests.at(-1)!.body)).toContain('Closing line: the yard never sleeps.');
  await tab.close();
  await panel.close();
});

test('compare: a model without room for the page is named before comparing and can be swapped; every column gets the page whole', async ({ extension, mock, pageServer }) => {
  const { panel, tab } = await openOn(extension, pageServer.serve(ARTICLE));
  await panel.getByRole('tab', { name: 'Compare' }).click();
  for (const [index, search, id] of [
    [0, 'mock-model', 'lab/mock-model'],
    [1, 'llama3.2:1b', 'ollama/llama3.2:1b'],
  ] as const) {
    await panel.getByTestId(`compare-model-${index}`).getByTestId('compare-picker').click();
    await panel.getByLabel('Search models').fill(search);
    await panel.locator(`[role="option"][title="${id}"]`).click();
  }
  await panel.getByTestId('compare-use-page').click();
  const note = panel.getByTestId('compare-page-no-room');
  await expect(note).toContainText("mock-model's context window (512 tokens) leaves no room");
  await panel.getByLabel('Compare prompt').fill('What does the yard do?');
  await expect(panel.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
  await panel.screenshot({ path: screenshotPath('page-window-compare-no-room') });
  await note.getByRole('button', { name: /instead$/ }).click();
  await expect(note).toHaveCount(0);
  const before = mock.requests.length;
  await panel.getByRole('button', { name: 'Compare', exact: true }).click();
  for (const index of [0, 1]) await expect(panel.getByTestId(`column-${index}`)).toContainText('Mock', { timeout: 20_000 });
  const sent = mock.requests.slice(before);
  expect(sent).toHaveLength(2);
  for (const request of sent) expect(systemOf(request.body)).toContain('Closing line: the yard never sleeps.');
  await tab.close();
  await panel.close();
});

test('"Summarize with" on a page, with a model without room for it, answers with the reason, and nothing is sent', async ({ extension, mock, pageServer }) => {
  for (const open of extension.context.pages()) if (open.url().includes('sidepanel.html')) await open.close();
  const words = Array.from({ length: 900 }, (_, i) => `wagon${i}`).join(' ');
  const url = pageServer.serve(`<!doctype html><title>Manifest</title><p id="t">${words}</p>`);
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const tab = await extension.worker.evaluate(async (u) => {
    const [t] = await chrome.tabs.query({ url: u });
    return { id: t!.id, windowId: t!.windowId, title: t!.title };
  }, url);
  const before = mock.requests.length;
  await extension.worker.evaluate(
    ([info, t]) => (globalThis as unknown as { switchyardDebug: { onMenuClick(i: unknown, t: unknown): Promise<void> } }).switchyardDebug.onMenuClick(info, t),
    [{ menuItemId: 'sy-summarize:lab/mock-model', pageUrl: url }, tab] as const,
  );
  const panel = await extension.open('sidepanel');
  await expect(panel.getByTestId('message-assistant').last()).toContainText("context window (512 tokens) leaves no room for this page");
  expect(mock.requests.length).toBe(before);
  await page.close();
  await panel.close();
});
