import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { unzip } from '../../scripts/release/unzip';
import { call, expect, extensionPath, pickModel, startChromium, test } from './fixtures';

/** Every release kept in test/fixtures/releases: each is installed, filled and updated to this build. */
const RELEASES = ['0.1.0'];
const PASSPHRASE = 'correct horse battery staple';
const current = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** One browser start on the profile, with the extension from `folder` (the same folder across versions keeps its id, as a store update does). */
async function start(profile: string, folder: string) {
  const { context, id } = await startChromium(profile, folder);
  const open = async (name: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/${name}.html`);
    return page;
  };
  return { context, id, open };
}

/** What the user stored, as the extension reports it: it must read the same after the update. */
async function storedState(options: Page) {
  const data = async (type: string, payload: unknown = {}) => {
    const reply = await call(options, type, payload);
    if (!reply.ok) throw new Error(`${type}: ${reply.error?.message}`);
    return reply.data;
  };
  const catalog = (await data('catalog.models')) as { models: { id: string }[] };
  const ledger = (await data('ledger.list', { filter: {}, pageSize: 500 })) as { rows: { id: string; cost: number; status: string }[] };
  return {
    providers: await data('providers.list'),
    budgets: await data('budgets.get'),
    routing: await data('routing.get'),
    search: await data('search.get'),
    models: catalog.models.map((m) => m.id).sort(),
    ledger: ledger.rows.map((r) => [r.id, r.cost, r.status]).sort(),
  };
}

async function ask(panel: Page, question: string) {
  await panel.getByLabel('Message').fill(question);
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last().getByTestId('answer-meta')).toContainText('via anthropic', { timeout: 15_000 });
}

for (const version of RELEASES) {
  test(`an update from ${version} keeps the vault and its passphrase, settings, budgets, history, comparisons, the refreshed catalog and the ledger, and all of it works`, async ({ mock }) => {
    test.setTimeout(120_000);
    const profile = mkdtempSync(join(tmpdir(), 'switchyard-update-profile-'));
    const folder = mkdtempSync(join(tmpdir(), 'switchyard-update-extension-'));
    await unzip(`test/fixtures/releases/switchyard-${version}-chrome.zip`, folder);
    let browser: { context: BrowserContext; id: string; open(name: string): Promise<Page> } | undefined;
    try {
      // The old version, filled as its user would have it.
      browser = await start(profile, folder);
      const before = await browser.open('options');
      expect(await before.evaluate(() => chrome.runtime.getManifest().version)).toBe(version);
      for (const [settings, key] of [
        [{ id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, 'sk-ant-update-7d3e'],
        [{ id: 'openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: `${mock.url}/openai/v1` }, 'sk-oai-update-51aa'],
        [{ id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') }, undefined],
      ] as const) {
        expect((await call(before, 'providers.save', { settings, ...(key ? { apiKey: key } : {}) })).ok).toBe(true);
      }
      // The catalog refreshed with the local server's models, which the shipped one lacks.
      expect((await call(before, 'providers.sync', { id: 'ollama' })).ok).toBe(true);
      expect((await call(before, 'budgets.save', { global: { daily: 4, monthly: 60 }, providers: { anthropic: { daily: 2 } }, warnAt: 0.75 })).ok).toBe(true);
      expect((await call(before, 'routing.save', { fallbackChain: ['openai/gpt-4o-mini'], providerOrder: ['anthropic'], sort: 'price', timeouts: {}, retry: { maxRetries: 1 } })).ok).toBe(true);
      expect((await call(before, 'search.save', { service: { kind: 'tavily', baseUrl: `${mock.url}/tavily` }, apiKey: 'tvly-update-0c4b' })).ok).toBe(true);
      expect((await call(before, 'vault.setPassphrase', { passphrase: PASSPHRASE })).ok).toBe(true);

      const panel = await browser.open('sidepanel');
      await pickModel(panel, 'sonnet 4.5', 'anthropic/claude-sonnet-4-5');
      mock.script('anthropic', { text: 'A turntable turns a locomotive around.', usage: { prompt: 900, completion: 40 } });
      await ask(panel, 'What does a turntable at a roundhouse do?');
      await panel.getByRole('tab', { name: 'Compare' }).click();
      for (const [index, search, name] of [
        [0, 'haiku 4.5', /Claude Haiku 4\.5/],
        [1, 'gpt-4o mini', /GPT-4o mini/],
      ] as const) {
        await panel.getByTestId(`compare-model-${index}`).getByTestId('compare-picker').click();
        await panel.getByLabel('Search models').fill(search);
        await panel.getByRole('option', { name }).first().click();
      }
      mock.script('anthropic', { text: 'Claude: wagons are sorted over a hump.' });
      mock.script('openai', { text: 'GPT: a hump yard sorts wagons by gravity.' });
      await panel.getByLabel('Compare prompt').fill('How is a hump yard worked?');
      await panel.getByLabel('Compare prompt').press('Enter');
      await expect(panel.getByTestId('column-1')).toContainText('GPT: a hump yard');
      await panel.getByTestId('column-1').getByRole('button', { name: /as best$/ }).click();
      await expect(panel.getByTestId('column-1').getByRole('button', { name: /: best$/ })).toHaveText('★ Best');
      const stored = await storedState(before);
      expect(stored.models).toContain('ollama/llama3.2:1b');
      expect(stored.ledger.length).toBeGreaterThanOrEqual(3);
      await browser.context.close();

      // The update: this build in the same folder, the same profile.
      rmSync(folder, { recursive: true, force: true });
      cpSync(extensionPath, folder, { recursive: true });
      browser = await start(profile, folder);
      const options = await browser.open('options');
      expect(await options.evaluate(() => chrome.runtime.getManifest().version)).toBe(current);
      // A new browser session: the vault is locked until the passphrase is given again.
      expect((await call(options, 'vault.status')).data).toMatchObject({ hasPassphrase: true, locked: true, unreadable: false });
      expect((await call(options, 'vault.unlock', { passphrase: PASSPHRASE })).data).toMatchObject({ locked: false });
      expect(await storedState(options)).toEqual(stored);

      // It all works: the kept key reaches the provider, the history and the comparison open.
      const after = await browser.open('sidepanel');
      await pickModel(after, 'sonnet 4.5', 'anthropic/claude-sonnet-4-5');
      mock.reset();
      mock.script('anthropic', { text: 'Still here after the update.' });
      await ask(after, 'Are you still there?');
      expect(mock.requests.at(-1)!.headers['x-api-key']).toBe('sk-ant-update-7d3e');
      await after.getByRole('button', { name: 'History' }).click();
      await expect(after.getByTestId('history-item').filter({ hasText: 'turntable' })).toHaveCount(1);
      await after.getByRole('tab', { name: 'Compare' }).click();
      await after.getByRole('button', { name: 'Saved comparisons' }).click();
      await after.getByRole('list', { name: 'Saved comparisons' }).getByRole('button', { name: /How is a hump yard worked\?/ }).first().click();
      await expect(after.getByTestId('column-1')).toContainText('GPT: a hump yard sorts wagons by gravity.');
      await expect(after.getByTestId('column-1').getByRole('button', { name: /: best$/ })).toHaveText('★ Best');
      expect((await call<{ rows: unknown[] }>(options, 'ledger.list', { filter: {}, pageSize: 500 })).data!.rows.length).toBe(stored.ledger.length + 1);
    } finally {
      await browser?.context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    }
  });
}
