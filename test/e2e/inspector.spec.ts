import { addProvider, call, expect, screenshotPath, streamChat, test } from './fixtures';

const KEYS = { anthropic: 'sk-ant-inspector-7c1d9e', openai: 'sk-openai-inspector-3f88aa' };

test('the inspector opens a request whose first attempt failed and whose fallback answered: both mapped bodies, the error, the answer, and no key anywhere', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'inspect-claude', name: 'Claude (inspector)', kind: 'anthropic', preset: 'anthropic', baseUrl: mock.baseUrl('anthropic', 'inspect') }, KEYS.anthropic);
  await addProvider(options, { id: 'inspect-openai', name: 'OpenAI (inspector)', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai', 'inspect') }, KEYS.openai);
  expect((await call<{ keep: boolean }>(options, 'details.get')).data?.keep).toBe(true);
  mock.script('anthropic', { fault: { type: 'status', status: 529, message: 'Overloaded: the inspector test' } });
  mock.script('openai', { text: 'The fallback answered the inspector.' });
  const question = 'Which river runs through the inspector test?';
  expect(await streamChat(options, { model: 'inspect-claude/claude-sonnet-4-5', models: ['inspect-openai/gpt-4o-mini'], messages: [{ role: 'user', content: question }] })).toBe(
    'The fallback answered the inspector.',
  );

  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  await options.reload();
  const table = options.getByTestId('requests-table');
  const row = table.locator('tbody tr[data-status="ok"]', { hasText: 'inspect-openai' }).first();
  await row.getByRole('button', { name: /2 attempts/ }).click();
  const inspector = options.getByTestId('request-inspector');
  await expect(inspector.locator('li[data-attempt="0"]')).toContainText('inspect-claude/claude-sonnet-4-5: error 503');
  await expect(inspector.locator('li[data-attempt="1"]')).toContainText('inspect-openai/gpt-4o-mini: ok');

  // The first attempt, as Anthropic received it (its Messages shape, mapped), and its answer.
  await inspector.locator('li[data-attempt="0"]').getByText('Request as the provider received it').click();
  const claudeBody = JSON.parse(await inspector.getByTestId('sent-body-0').innerText()) as { model: string; max_tokens: number; messages: { content: unknown }[] };
  expect(claudeBody.model).toBe('claude-sonnet-4-5');
  expect(claudeBody.max_tokens).toBeGreaterThan(0);
  expect(JSON.stringify(claudeBody.messages)).toContain(question);
  await inspector.locator('li[data-attempt="0"]').getByText(/Provider’s answer \(HTTP 529\)/).click();
  await expect(inspector.getByTestId('error-body-0')).toContainText('Overloaded: the inspector test');
  // The fallback, as OpenAI received it.
  await inspector.locator('li[data-attempt="1"]').getByText('Request as the provider received it').click();
  const openAiBody = JSON.parse(await inspector.getByTestId('sent-body-1').innerText()) as { model: string; messages: { role: string; content: string }[] };
  expect(openAiBody.model).toBe('gpt-4o-mini');
  expect(openAiBody.messages.at(-1)).toMatchObject({ role: 'user', content: question });
  await inspector.getByText('Request as Switchyard received it').click();
  await expect(inspector.getByTestId('received-body')).toContainText('inspect-claude/claude-sonnet-4-5');
  await expect(inspector.getByTestId('answer-text')).toHaveText('The fallback answered the inspector.');
  // The bill line by line, at gpt-4o-mini's prices.
  await expect(inspector.getByTestId('cost-lines')).toContainText('× $0.15/M');
  await expect(inspector.getByTestId('cost-lines')).toContainText('× $0.6/M');
  for (const summary of await inspector.getByText('Headers sent').all()) await summary.click();
  await expect(inspector).toContainText('(hidden)');

  // Run again on another model: the same request, the two answers side by side with their costs and differences.
  mock.script('anthropic', { text: 'The river answered the inspector again.', usage: { prompt: 40, completion: 9 } });
  await inspector.getByLabel('Run again on').fill('inspect-claude/claude-haiku-4-5');
  await inspector.getByRole('button', { name: 'Run' }).click();
  const replayed = inspector.getByTestId('replay-new');
  await expect(replayed).toContainText('via inspect-claude');
  await expect(inspector.getByTestId('replay-original')).toContainText('The fallback answered the inspector.');
  await expect(replayed.getByTestId('replay-diff').locator('ins')).toContainText(['river']);
  await expect(replayed.getByTestId('replay-diff').locator('del')).toContainText(['fallback']);
  await expect(replayed).toContainText('$');
  const replaySent = mock.requests.filter((r) => r.format === 'anthropic').at(-1)!.body as { model: string; messages: { content: unknown }[] };
  expect(replaySent.model).toBe('claude-haiku-4-5');
  expect(JSON.stringify(replaySent.messages)).toContain(question);

  // Open in compare: the question goes to the side panel's compare view, on both models (whichever
  // panel takes it: the one the click opened, or one opened now).
  // An open side panel takes the job itself; start with none, as after a fresh click.
  for (const open of extension.context.pages()) if (open.url().includes('sidepanel.html')) await open.close();
  const clicked = Date.now();
  await inspector.getByRole('button', { name: 'Open in compare' }).click();
  const panel = await extension.open('sidepanel');
  type Row = { source: string; model: string | null; requestedModel: string };
  // Booked as the options page's, where the user asked: not as a context-menu job.
  const compared = async () => ((await call<{ rows: Row[] }>(options, 'ledger.list', { filter: { from: clicked }, pageSize: 10 })).data?.rows ?? []).map((r) => `${r.source} ${r.model ?? r.requestedModel}`).sort();
  await expect.poll(compared, { timeout: 15_000 }).toEqual(expect.arrayContaining(['options anthropic/claude-haiku-4-5', 'options openai/gpt-4o-mini']));
  await panel.close();
  // The click opened the browser's own side panel (a user gesture may), which is no page of the
  // context: closed again, so it takes no job meant for a later test's panel.
  await options.evaluate(async () => {
    await chrome.sidePanel.setOptions({ enabled: false });
    await chrome.sidePanel.setOptions({ enabled: true });
  });
  // No panel is left to take a job: one left now is still there a moment later.
  await options.evaluate(() => chrome.storage.session.set({ pendingJob: { id: 'probe', kind: 'chat', models: [], prompt: 'probe', createdAt: 0 } }));
  await options.waitForTimeout(500);
  expect(await options.evaluate(async () => ((await chrome.storage.session.get('pendingJob')).pendingJob as { id: string } | undefined)?.id)).toBe('probe');
  await options.evaluate(() => chrome.storage.session.remove('pendingJob'));

  // No key anywhere in the page: not in its text, not in its markup.
  const page = await options.content();
  for (const key of Object.values(KEYS)) expect(page).not.toContain(key);
  await inspector.scrollIntoViewIfNeeded();
  await inspector.screenshot({ path: screenshotPath('options-inspector') });
});

test('with keeping turned off, a request shows its route and timings but no bodies, and what was kept is dropped', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'inspect-off', name: 'OpenAI (off)', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai', 'inspect-off') }, 'sk-off-1');
  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  const storage = options.getByTestId('details-storage');
  await storage.getByLabel(/Keep request details/).uncheck();
  await storage.getByRole('button', { name: 'Save details setting' }).click();
  await expect(storage).toContainText('Saved.');
  await expect(storage.getByTestId('details-used')).toContainText(/^0 requests kept/);
  try {
    mock.script('openai', { text: 'Not kept.' });
    expect(await streamChat(options, { model: 'inspect-off/gpt-4o-mini', messages: [{ role: 'user', content: 'keep nothing' }] })).toBe('Not kept.');
    await options.reload();
    const row = options.getByTestId('requests-table').locator('tbody tr[data-status="ok"]', { hasText: 'inspect-off' }).first();
    await row.getByRole('button', { name: /1 attempt/ }).click();
    await expect(options.getByTestId('no-details')).toBeVisible();
    await expect(options.getByTestId('request-inspector')).toContainText('inspect-off/gpt-4o-mini: ok');
  } finally {
    await call(options, 'details.save', { keep: true, keepDays: 30, maxMb: 200 });
  }
});

test('an answer’s Inspect link opens its request on the spending page', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'inspect-link', name: 'OpenAI (link)', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai', 'inspect-link') }, 'sk-link-1');
  mock.script('openai', { text: 'Linked answer.' });
  expect(await streamChat(options, { model: 'inspect-link/gpt-4o-mini', messages: [{ role: 'user', content: 'follow the link' }] })).toBe('Linked answer.');
  const listed = await call<{ rows: { id: string; provider: string }[] }>(options, 'ledger.list', { filter: { provider: 'inspect-link' }, pageSize: 5 });
  const id = listed.data!.rows[0]!.id;
  // The link an answer's line carries (components/chat/AnswerMetaLine.tsx).
  await options.goto(options.url().replace(/#.*$/, '') + `#request/${encodeURIComponent(id)}`);
  const card = options.getByTestId('inspected-request');
  await expect(card).toContainText(`Request ${id}`);
  await expect(card.getByTestId('request-inspector')).toContainText('inspect-link/gpt-4o-mini: ok');
  await expect(card.getByTestId('answer-text')).toHaveText('Linked answer.');
});
