import { addProvider, call, dropPendingJob, expect, screenshotPath, test } from './fixtures';

interface Row {
  id: string;
  status: string;
  cost: number;
  startedAt: number;
  completionTokens: number;
  usageEstimated: boolean;
  error?: { code: string };
}

test('a worker stopped mid-stream leaves one "interrupted" row with a cost the budget counts; the panel keeps the text and retries', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, 'sk-ant-stop-1');
  await call(options, 'budgets.save', { global: { daily: 50 }, providers: {}, warnAt: 0.8 });
  await dropPendingJob(options);
  const before = await call<{ rows: Row[] }>(options, 'ledger.list', { filter: {}, page: 0, pageSize: 500 });
  const known = new Set(before.data!.rows.map((r) => r.id));

  const panel = await extension.open('sidepanel');
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill('sonnet 4.5');
  await panel.getByRole('option', { name: /Claude Sonnet 4.5/ }).first().click();
  mock.script('anthropic', { text: 'Once upon a time there was a very long story. '.repeat(120), chunkDelayMs: 40 });
  await panel.getByLabel('Message').fill('Tell me a long story.');
  await panel.getByLabel('Message').press('Enter');

  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer).toContainText('Once upon a time');
  // Long enough for the gateway to have reported progress after the first token.
  await panel.waitForTimeout(1_500);
  const shown = (await answer.locator('.sy-bubble').innerText()).length;
  await extension.stopWorker();

  const cut = answer.getByTestId('chat-cut');
  await expect(cut).toContainText('Cut off');
  await expect(cut).toContainText('interrupted');
  expect((await answer.locator('.sy-bubble').innerText()).length).toBeGreaterThanOrEqual(shown);
  await panel.screenshot({ path: screenshotPath('sidepanel-cut-by-worker-stop'), fullPage: true });

  // The next message starts a cold worker, which settles what the stopped one left running.
  const after = await call<{ rows: Row[] }>(options, 'ledger.list', { filter: {}, page: 0, pageSize: 500 });
  const fresh = after.data!.rows.filter((r) => !known.has(r.id));
  expect(fresh).toHaveLength(1);
  expect(fresh[0]).toMatchObject({ status: 'interrupted', usageEstimated: true, error: { code: 'interrupted' } });
  expect(fresh[0]!.completionTokens).toBeGreaterThan(0);
  expect(fresh[0]!.cost).toBeGreaterThan(0);

  // Today's, as the daily cap counts (other tests leave older history in this browser too).
  const today = new Date().setHours(0, 0, 0, 0);
  const spentBefore = before.data!.rows.filter((r) => r.status !== 'in_progress' && r.startedAt >= today).reduce((sum, r) => sum + r.cost, 0);
  const caps = await call<{ scope: string; period: string; spent: number }[]>(options, 'budgets.status');
  const daily = caps.data!.find((c) => c.scope === 'all providers' && c.period === 'daily')!;
  expect(daily.spent).toBeCloseTo(spentBefore + fresh[0]!.cost, 8);

  await options.goto(`chrome-extension://${extension.id}/options.html#dashboard`);
  await options.reload();
  await expect(options.locator('tr[data-status="interrupted"]').first()).toBeVisible();
  await options.screenshot({ path: screenshotPath('options-interrupted-row'), fullPage: true });

  // Retry asks again through the new worker.
  mock.script('anthropic', { text: 'A short story this time.' });
  await cut.getByRole('button', { name: 'Retry' }).click();
  await expect(panel.getByTestId('message-assistant').last()).toContainText('A short story this time.');
  const final = await call<{ rows: Row[] }>(options, 'ledger.list', { filter: {}, page: 0, pageSize: 500 });
  const mine = final.data!.rows.filter((r) => !known.has(r.id));
  expect(mine.map((r) => r.status).sort()).toEqual(['interrupted', 'ok']);
  await panel.close();
  await options.close();
});
