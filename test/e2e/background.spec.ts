import type { Page } from '@playwright/test';
import { addProvider, call, dropPendingJob, expect, screenshotPath, test } from './fixtures';

const KEY = 'sk-ant-e2e-SECRET-7f3a9c';

async function setUp(extension: { open(name: 'sidepanel' | 'options'): Promise<Page> }, mockUrl: string) {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mockUrl}/anthropic` }, KEY);
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  await dropPendingJob(options);
  await options.close();
}

async function chooseAndAsk(panel: Page, prompt: string) {
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill('sonnet 4.5');
  await panel.getByRole('option', { name: /Claude Sonnet 4\.5/ }).click();
  await panel.getByLabel('Message').fill(prompt);
  await panel.getByLabel('Message').press('Enter');
}

test('a stream from the side panel through the background writes a ledger row', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const since = Date.now();
  mock.script('anthropic', { text: 'Rail yards sort freight cars onto tracks by destination.', usage: { prompt: 1200, completion: 300 } });
  const panel = await extension.open('sidepanel');
  await chooseAndAsk(panel, 'What does a rail yard do?');

  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer).toContainText('Rail yards sort freight cars onto tracks by destination.');
  await expect(answer.getByTestId('answer-meta')).toContainText('anthropic/claude-sonnet-4-5 via anthropic');
  await expect(answer.getByTestId('answer-meta')).toContainText('1200 → 300 tokens');
  await expect(answer.getByTestId('answer-meta')).toContainText('$0.0081');
  // Its request, opened in the inspector on the spending page.
  await expect(answer.getByTestId('answer-meta').getByRole('link', { name: 'Inspect' })).toHaveAttribute('href', /\/options\.html#request\/chatcmpl-/);
  await panel.screenshot({ path: screenshotPath('sidepanel-chat-answer') });

  const last = mock.requests.at(-1)!;
  expect(last.headers['x-api-key']).toBe(KEY);
  expect(JSON.stringify(last.body)).toContain('What does a rail yard do?');

  await expect
    .poll(async () => ((await call<{ rows: { status: string }[] }>(panel, 'ledger.list', { filter: { from: since } })).data?.rows ?? []).length)
    .toBe(1);
  const { data } = await call<{ rows: { status: string; cost: number; source: string; provider: string; promptTokens: number }[] }>(panel, 'ledger.list', {
    filter: { from: since },
  });
  expect(data!.rows[0]).toMatchObject({ status: 'ok', source: 'sidepanel', provider: 'anthropic', promptTokens: 1200, cost: 0.0081 });
});

test('stop mid-stream aborts the upstream request and the ledger row says "aborted"', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const since = Date.now();
  const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
  mock.script('anthropic', { text: words, chunkDelayMs: 100 });
  const panel = await extension.open('sidepanel');
  await chooseAndAsk(panel, 'Say many words');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer).toContainText('word3');
  await panel.getByTestId('stop').click();
  await expect(answer).toContainText('Stopped.');
  await expect
    .poll(async () => ((await call<{ rows: { status: string }[] }>(panel, 'ledger.list', { filter: { from: since } })).data?.rows ?? []).map((r) => r.status))
    .toEqual(['aborted']);
  // The answer did not keep streaming after the stop.
  const text = await answer.innerText();
  expect(text).not.toContain('word150');
  await panel.screenshot({ path: screenshotPath('sidepanel-chat-stopped') });
});

test('an exhausted budget is refused with 402 in the side panel, and nothing reaches the provider', async ({ extension, mock }) => {
  await setUp(extension, mock.url);
  const options = await extension.open('options');
  await call(options, 'budgets.save', { global: { daily: 0.000001 }, providers: {}, warnAt: 0.8 });
  const before = mock.requests.length;
  const panel = await extension.open('sidepanel');
  await chooseAndAsk(panel, 'This should not be sent');
  const error = panel.getByTestId('chat-error').last();
  await expect(error).toContainText('daily budget for all providers');
  await expect(error).toContainText('would be exceeded');
  expect(mock.requests.length).toBe(before);
  await panel.screenshot({ path: screenshotPath('sidepanel-budget-refused') });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
});

test('a web page and a content script can neither obtain a key nor call the gateway', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url);
  const url = pageServer.serve('<!doctype html><title>Attacker</title><p>Nothing to see.</p>');
  const page = await extension.context.newPage();
  await page.goto(url);
  const before = mock.requests.length;

  // The page's own world has no channel to the extension at all.
  expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');

  // Code in the content script's world: every message type, forged fields, and the stream port.
  const tabId = await extension.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);
  const [injection] = await extension.worker.evaluate(
    ([id, types]) =>
      chrome.scripting.executeScript({
        target: { tabId: id },
        world: 'ISOLATED',
        args: [types],
        func: async (messageTypes: string[]) => {
          const replies: unknown[] = [];
          for (const type of messageTypes) {
            for (const payload of [{}, { id: 'anthropic' }, { body: { model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] } }]) {
              replies.push(await chrome.runtime.sendMessage({ channel: 'switchyard', type, payload }).catch((e: Error) => e.message));
              replies.push(
                await chrome.runtime
                  .sendMessage({ channel: 'switchyard', type, payload, sender: { url: `chrome-extension://${chrome.runtime.id}/sidepanel.html` }, origin: 'chrome-extension://x' })
                  .catch((e: Error) => e.message),
              );
            }
          }
          const portResult = await new Promise<string>((resolve) => {
            const port = chrome.runtime.connect({ name: 'switchyard-stream' });
            const frames: unknown[] = [];
            port.onMessage.addListener((m) => frames.push(m));
            port.onDisconnect.addListener(() => resolve(`disconnected after ${JSON.stringify(frames)}`));
            port.postMessage({ t: 'start', type: 'chat.completions', payload: { source: 'sidepanel', body: { model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'steal' }] } } });
            setTimeout(() => resolve(`still open after ${JSON.stringify(frames)}`), 3000);
          });
          return { replies, portResult };
        },
      }),
    [tabId, ['providers.list', 'providers.save', 'providers.test', 'vault.status', 'vault.unlock', 'chat.estimate', 'ledger.exportCsv', 'catalog.refresh', 'app.status', 'page.read', 'nope']] as [number, string[]],
  );
  const { replies, portResult } = injection!.result as { replies: { ok?: boolean; error?: { code: string } }[]; portResult: string };
  expect(replies.length).toBeGreaterThan(30);
  for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(JSON.stringify(replies)).not.toContain(KEY);
  expect(portResult).toBe('disconnected after []');
  expect(mock.requests.length).toBe(before);

  // Nothing the pages may ask for carries the key either.
  const options = await extension.open('options');
  const list = await call(options, 'providers.list');
  expect(JSON.stringify(list)).not.toContain(KEY);
  expect(JSON.stringify(list)).toContain('••••3a9c');
});
