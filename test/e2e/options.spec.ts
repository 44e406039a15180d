import { readFileSync } from 'node:fs';
import { formatCost } from '../../lib/chat/answer';
import type { TotalsRow } from '../../lib/ledger/summary';
import { chatUsage } from '../../lib/ledger/what-if';
import { ANTHROPIC_MODELS } from '../mock-provider/anthropic';
import { addProvider, call, expect, screenshotPath, streamChat, test } from './fixtures';

test('a new user adds a provider from a preset, tests it, and sees requests on the dashboard to the cent', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.getByRole('button', { name: /^Anthropic/ }).click();
  await options.getByLabel('Id', { exact: true }).fill('claude');
  await options.getByLabel('Base URL', { exact: true }).fill(`${mock.url}/anthropic`);
  await options.getByLabel('API key', { exact: true }).fill('sk-ant-options-test-42ab');
  await options.getByRole('button', { name: 'Save provider' }).click();
  const card = options.getByTestId('provider-claude');
  await expect(card).toContainText('key ••••42ab');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('test-result-claude')).toContainText(`Connected: ${ANTHROPIC_MODELS.length} models`);
  await options.screenshot({ path: screenshotPath('options-providers'), fullPage: true });

  const since = Date.now();
  mock.script('anthropic', { text: 'one', usage: { prompt: 1000, completion: 100 } }, { text: 'two', usage: { prompt: 2000, completion: 300 } }, { fault: { type: 'status', status: 400, message: 'bad request' } });
  expect(await streamChat(options, { model: 'claude/claude-sonnet-4-5', messages: [{ role: 'user', content: 'first' }] })).toBe('one');
  expect(await streamChat(options, { model: 'claude/claude-haiku-4-5', messages: [{ role: 'user', content: 'second' }] })).toBe('two');
  await expect(streamChat(options, { model: 'claude/claude-sonnet-4-5', messages: [{ role: 'user', content: 'third' }] })).rejects.toThrow(/bad request/);

  const ledger = await call<{ rows: { cost: number; status: string }[] }>(options, 'ledger.list', { filter: {}, pageSize: 500 });
  const rows = ledger.data!.rows;
  const total = rows.reduce((sum, r) => sum + r.cost, 0);
  expect(rows.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(2);
  expect(rows.some((r) => r.cost === 0.0045)).toBe(true); // Sonnet: 1000 × $3/M + 100 × $15/M
  expect(rows.some((r) => r.cost === 0.0035)).toBe(true); // Haiku: 2000 × $1/M + 300 × $5/M

  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  await options.reload();
  await expect(options.getByTestId('total-requests')).toHaveText(String(rows.length));
  await expect(options.getByTestId('total-cost')).toHaveText(`$${total.toFixed(total < 0.01 ? 4 : total < 1 ? 3 : 2)}`);
  const table = options.getByTestId('requests-table');
  await expect(table.locator('tbody tr[data-status]')).toHaveCount(Math.min(rows.length, 25));
  await table.locator('tbody tr[data-status="error"]').first().getByRole('button', { name: /attempt/ }).click();
  await expect(table.locator('.sy-trace-row')).toContainText('bad request');
  await options.screenshot({ path: screenshotPath('options-dashboard'), fullPage: true });

  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^switchyard-ledger-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^id,started_at,source,status,requested_model,model,provider,/);
  expect(csv).toHaveLength(rows.length + 1);
  expect(csv.filter((line) => line.includes('claude-haiku-4-5')).length).toBeGreaterThanOrEqual(1);
  await expect(options.getByText('Ledger exported as CSV.')).toBeVisible();
  expect(Date.now()).toBeGreaterThan(since);
});

test('an Azure OpenAI provider from its preset: resource endpoint, key and deployments; a chat goes to the deployment, priced as the model', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.getByRole('button', { name: /^Azure OpenAI/ }).click();
  await options.getByLabel('Id', { exact: true }).fill('contoso');
  await options.getByLabel('Resource endpoint', { exact: true }).fill(`${mock.url}/azure`);
  await options.getByLabel('API key', { exact: true }).fill('az-key-e2e-77cd');
  await options.getByLabel('Deployments', { exact: true }).fill('openai/gpt-4o = gpt-4o-prod\nopenai/gpt-4o-mini mini-prod');
  await options.getByRole('button', { name: 'Save provider' }).click();
  await expect(options.getByTestId('provider-form-error')).toContainText('Deployments, line 2');
  await options.getByLabel('Deployments', { exact: true }).fill('openai/gpt-4o = gpt-4o-prod\nopenai/gpt-4o-mini = mini-prod');
  await options.getByRole('form', { name: 'Add provider' }).screenshot({ path: screenshotPath('options-azure-form') });
  await options.getByRole('button', { name: 'Save provider' }).click();
  const card = options.getByTestId('provider-contoso');
  await expect(card).toContainText('key ••••77cd');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('test-result-contoso')).toContainText('Connected: 2 models');

  mock.script('azure', { text: 'Deployed answer.', usage: { prompt: 1000, completion: 100 } });
  expect(await streamChat(options, { model: 'contoso/mini-prod', messages: [{ role: 'user', content: 'hi' }] })).toBe('Deployed answer.');
  const sent = mock.requests.at(-1)!;
  expect(sent.path).toBe('/openai/deployments/mini-prod/chat/completions');
  expect(sent.query.get('api-version')).toBe('2024-10-21');
  expect(sent.headers['api-key']).toBe('az-key-e2e-77cd');
  const ledger = await call<{ rows: { provider: string; model: string; cost: number }[] }>(options, 'ledger.list', { filter: { provider: 'contoso' } });
  expect(ledger.data!.rows[0]).toMatchObject({ provider: 'contoso', model: 'openai/gpt-4o-mini', cost: 0.00021 }); // 1000 × $0.15/M + 100 × $0.60/M
  await options.close();
});

test('an Amazon Bedrock provider from its preset: region and AWS credentials; the connection test and a chat are signed (SigV4) and checked by the mock', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.getByRole('button', { name: /^Amazon Bedrock/ }).click();
  await options.getByLabel('Id', { exact: true }).fill('aws');
  await options.getByLabel('Base URL', { exact: true }).fill(`${mock.url}/bedrock`);
  await options.getByLabel('Region', { exact: true }).fill('us-east-1');
  await options.getByLabel('Access key ID', { exact: true }).fill('AKIDMOCKEXAMPLE');
  await options.getByRole('button', { name: 'Save provider' }).click();
  await expect(options.getByTestId('provider-form-error')).toContainText('Enter both the access key ID and the secret access key');
  await options.getByLabel('Secret access key', { exact: true }).fill('mock/secret+key/EXAMPLE');
  await options.getByRole('form', { name: 'Add provider' }).screenshot({ path: screenshotPath('options-bedrock-form') });
  await options.getByRole('button', { name: 'Save provider' }).click();
  const card = options.getByTestId('provider-aws');
  await expect(card).toContainText('key ••••MPLE');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('test-result-aws')).toContainText('Connected: 7 models');

  mock.script('bedrock', { text: 'Signed and answered.', usage: { prompt: 1000, completion: 100 } });
  expect(await streamChat(options, { model: 'aws/us.amazon.nova-micro-v1:0', messages: [{ role: 'user', content: 'hi' }] })).toBe('Signed and answered.');
  expect(String(mock.requests.at(-1)!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDMOCKEXAMPLE\/\d{8}\/us-east-1\/bedrock\//);
  const ledger = await call<{ rows: { provider: string; model: string; cost: number }[] }>(options, 'ledger.list', { filter: { provider: 'aws' } });
  expect(ledger.data!.rows[0]).toMatchObject({ provider: 'aws', model: 'amazon/nova-micro-v1', cost: 0.000049 }); // 1000 × $0.035/M + 100 × $0.14/M
  await options.close();
});

test('a bad settings import is refused with the field named, and the old settings stay', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await call(options, 'providers.save', { settings: { id: 'keep-me', name: 'Keep me', kind: 'ollama', preset: 'ollama', baseUrl: `${mock.url}/ollama` } });
  const before = await call(options, 'providers.list');
  await options.goto(options.url().replace(/#.*$/, '') + '#backup');
  await options.reload();
  const bad = { switchyard: 1, providers: [{ id: 'ok', name: 'OK', kind: 'openai', baseUrl: 'https://api.example.com/v1' }, { id: 'broken', name: 'Broken', kind: 'openai', baseUrl: 'ftp://nope' }] };
  await options.getByLabel('Settings JSON').fill(JSON.stringify(bad));
  await options.getByRole('button', { name: 'Import settings' }).click();
  const message = options.getByTestId('import-message');
  await expect(message).toContainText('Nothing was imported');
  await expect(message).toContainText('providers[1].baseUrl');
  expect(await call(options, 'providers.list')).toEqual(before);
  await options.screenshot({ path: screenshotPath('options-import-refused') });

  // A good export round-trips, without keys unless asked.
  const exported = await call<{ json: string }>(options, 'settings.export', { includeKeys: false });
  expect(JSON.parse(exported.data!.json)).toMatchObject({ switchyard: 1, providers: expect.arrayContaining([expect.objectContaining({ id: 'keep-me' })]) });
  expect(exported.data!.json).not.toContain('apiKey');
  await options.getByLabel('Settings JSON').fill(exported.data!.json);
  await options.getByRole('button', { name: 'Import settings' }).click();
  await expect(message).toContainText('Imported');
  // Leave the worker's browser as other tests expect it.
  await call(options, 'providers.remove', { id: 'keep-me' });
});

test('budgets and routing are set from the options page', async ({ extension }) => {
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#budgets');
  await options.reload();
  await options.getByLabel('All providers daily cap in USD').fill('2.5');
  await options.getByRole('button', { name: 'Save budgets' }).click();
  await expect(options.getByText('Budgets saved.')).toBeVisible();
  await expect(options.getByText(/all providers · daily: \$\d+\.\d+ of \$2\.50/)).toBeVisible();
  expect((await call<{ global: { daily?: number } }>(options, 'budgets.get')).data!.global.daily).toBe(2.5);
  await options.screenshot({ path: screenshotPath('options-budgets') });
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });

  await options.goto(options.url().replace(/#.*$/, '') + '#routing');
  await options.reload();
  await options.getByLabel('Otherwise sort providers by').selectOption('latency');
  await options.getByLabel('Retry rounds').fill('1');
  await options.getByRole('button', { name: 'Save routing' }).click();
  await expect(options.getByText('Routing saved.')).toBeVisible();
  expect((await call<{ sort: string; retry: { maxRetries?: number } }>(options, 'routing.get')).data).toMatchObject({ sort: 'latency', retry: { maxRetries: 1 } });
  await options.screenshot({ path: screenshotPath('options-routing'), fullPage: true });
});

test('the spending page shows the storage used, protected from eviction, and a retention setting that drops old request rows but not the totals', async ({ extension }) => {
  const options = await extension.open('options');
  // Two years of requests, straight through the worker, as a long-time user would have.
  await extension.worker.evaluate(async () => {
    const debug = (globalThis as unknown as { switchyardDebug: { recordMany(r: unknown[]): Promise<number> } }).switchyardDebug;
    const day = 86_400_000;
    const rows = Array.from({ length: 730 }, (_, i) => ({
      id: `retention-${i}`,
      startedAt: Date.now() - (40 + i) * day,
      source: 'sidepanel',
      stream: true,
      requestedModel: 'retention/model',
      model: 'retention/model',
      provider: 'retention-provider',
      attempts: [],
      usage: { prompt: 10, completion: 10, cached: 0, cacheWrite: 0, reasoning: 0 },
      usageEstimated: false,
      cost: 0.01,
      cacheSaved: 0,
      priced: true,
      ttftMs: 1,
      totalMs: 1,
      finishReason: 'stop',
      status: 'ok',
    }));
    await debug.recordMany(rows);
  });
  const countRows = async () => (await call<{ rows: unknown[] }>(options, 'ledger.list', { filter: { provider: 'retention-provider' }, pageSize: 500 })).data!.rows.length;
  const spentTwoYears = async () => (await call<{ cost: number }>(options, 'ledger.spent', { from: '2020-01-01', to: '2030-12-31', provider: 'retention-provider' })).data!.cost;
  const before = await spentTwoYears();
  expect(before).toBeCloseTo(7.3, 6);

  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  const card = options.getByTestId('storage-card');
  await expect(card.getByTestId('storage-used')).toContainText(/[MG]B used on this device/);
  await expect(card.getByTestId('storage-used')).toContainText('will not clear it');
  await card.getByLabel('Keep the request list').selectOption('6');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card).toContainText(/Saved\. \d{3} older requests were removed\./);
  const kept = await countRows();
  expect(kept).toBeGreaterThanOrEqual(140);
  expect(kept).toBeLessThanOrEqual(146);
  // The totals (charts, budgets) keep every day.
  expect(await spentTwoYears()).toBe(before);
  await options.screenshot({ path: screenshotPath('options-storage'), fullPage: true });
  // One month drops the rest of them (and nothing the other tests wrote today).
  await card.getByLabel('Keep the request list').selectOption('3');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card).toContainText(/Saved\. \d+ older requests were removed\./);
  await card.getByLabel('Keep the request list').selectOption('forever');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card).toContainText(/^(?!.*removed).*Saved\./);
});

test('the dashboard shows what the period’s tokens would have cost on other models, cheapest first, to the cent', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, 'sk-ant-whatif-1');
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  mock.script('anthropic', { text: 'priced', usage: { prompt: 120_000, completion: 30_000 } });
  expect(await streamChat(options, { model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'a long question' }] })).toBe('priced');

  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  await options.reload();
  await options.getByRole('button', { name: '30 days' }).click();
  const today = new Date();
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const summary = await call<{ byModel: TotalsRow[] }>(options, 'dashboard.summary', {
    from: day(new Date(new Date().setHours(0, 0, 0, 0) - 29 * 86_400_000)),
    to: day(today),
  });
  // Chat requests only: embedding rows other tests in this browser made are not what a chat model would cost.
  const catalog = await call<{ embeddingModels: { id: string }[] }>(options, 'catalog.models', {});
  const { prompt: promptTokens, completion: completionTokens } = chatUsage(summary.data!.byModel, new Set(catalog.data!.embeddingModels.map((m) => m.id))).tokens;
  const card = options.getByTestId('what-if');
  await expect(card).toContainText(`${promptTokens.toLocaleString('en-US')} tokens in and ${completionTokens.toLocaleString('en-US')} out`);
  // Other tests in this browser add providers: every model is listed once the rest are shown.
  const more = card.getByRole('button', { name: /^Show all \d+ models$/ });
  if (await more.count()) await more.click();
  // Claude Haiku 4.5 at $1 / $5 per million: the ledger's token sums times the catalog price.
  const haiku = Math.round(((promptTokens * 1 + completionTokens * 5) / 1e6) * 1e8) / 1e8;
  await expect(card.locator('tr[data-model="anthropic/claude-haiku-4-5"] td').nth(1)).toHaveText(formatCost(haiku));
  const costs = await card.locator('tbody tr td:nth-child(2)').allTextContents();
  const values = costs.map((c) => Number(c.replace(/[^0-9.]/g, '')));
  expect(values).toEqual([...values].sort((a, b) => a - b));
  await expect(card.locator('tr[data-model="anthropic/claude-sonnet-4-5"]')).toContainText('used');
  await card.screenshot({ path: screenshotPath('dashboard-what-if') });
});

test('the Models panel lists today’s models, says when each provider’s prices were last checked and where, and shows long-prompt and peak-hour prices', async ({ extension }) => {
  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#models');
  await options.reload();
  await options.getByLabel('Search models').fill('opus 5.5');
  await expect(options.getByTestId('models-table')).toContainText('Claude Opus 5.5');
  const sources = options.getByTestId('price-sources');
  await sources.getByText('Prices as of 2026-11-30').click();
  await expect(sources.getByRole('listitem').first()).toHaveText('anthropic checked 2026-11-10');
  await expect(sources.getByRole('link', { name: 'openai' })).toHaveAttribute('href', 'https://developers.openai.com/api/docs/pricing');
  await options.getByRole('region', { name: 'Models' }).screenshot({ path: screenshotPath('options-models-price-sources') });
  await sources.getByText('Prices as of 2026-11-30').click();
  // A price that depends on the prompt's length or the hour says so under it.
  await options.getByLabel('Search models').fill('deepseek v4');
  await expect(options.getByTestId('models-table').locator('tr', { hasText: 'DeepSeek V4 Flash' }).first()).toContainText('×2 from 01:00–04:00 and 06:00–10:00 UTC');
  await options.getByLabel('Search models').fill('gemini 3.1 pro');
  await expect(options.getByTestId('models-table')).toContainText('$4 / $18 for prompts over 200k tokens');
  await options.getByRole('region', { name: 'Models' }).screenshot({ path: screenshotPath('options-models-price-conditions') });
});
