import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addProvider, call, dropPendingJob, expect, ownExtension, pickModel, test as base, type Extension } from './fixtures';

// The stores' screenshots (1280×800), made from the built extension's own pages with answers from the
// mock. `npm run release` points STORE_SCREENSHOTS at the release folder.
const folder = process.env.STORE_SCREENSHOTS ?? 'test-results/store-screenshots';
const test = base.extend<object, { extension: Extension }>({ extension: ownExtension() });
test.use({ viewport: { width: 1280, height: 800 } });

async function shoot(page: Page, name: string) {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path });
  const size = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
  expect(size).toEqual([1280, 800]);
}

const ANSWER = [
  'A **classification yard** sorts freight wagons into new trains:',
  '',
  '1. Arriving trains are split at the *hump*.',
  '2. Each wagon rolls by gravity onto the track of its next train.',
  '3. Retarders brake it so it couples gently.',
  '',
  '```ts',
  "const track = destinations.get(wagon.to) ?? 'hold';",
  '```',
].join('\n');

test('store screenshots: chat, compare, spending and providers, at 1280×800', async ({ extension, mock }) => {
  const options = await extension.open('options');
  await options.setViewportSize({ width: 1280, height: 800 });
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: `${mock.url}/anthropic` }, 'sk-ant-store-4f2a');
  await addProvider(options, { id: 'openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: `${mock.url}/openai/v1` }, 'sk-oai-store-9c1e');
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') });
  expect((await call(options, 'providers.sync', { id: 'ollama' })).error).toBeUndefined();
  await dropPendingJob(options);

  // A month of a developer's requests across three providers, so the spending page has a story to tell.
  await extension.worker.evaluate(async () => {
    const debug = (globalThis as unknown as { switchyardDebug: { recordMany(r: unknown[]): Promise<number> } }).switchyardDebug;
    const day = 86_400_000;
    const mix = [
      { model: 'anthropic/claude-sonnet-4-5', provider: 'anthropic', perMillion: [3, 15], ttftMs: 620 },
      { model: 'anthropic/claude-haiku-4-5', provider: 'anthropic', perMillion: [1, 5], ttftMs: 380 },
      { model: 'openai/gpt-4o-mini', provider: 'openai', perMillion: [0.15, 0.6], ttftMs: 290 },
      { model: 'openai/gpt-4.1', provider: 'openai', perMillion: [2, 8], ttftMs: 540 },
      { model: 'ollama/llama3.2', provider: 'ollama', perMillion: [0, 0], ttftMs: 180 },
    ];
    const rows = Array.from({ length: 420 }, (_, i) => {
      const { model, provider, perMillion, ttftMs } = mix[(i * 7) % mix.length]!;
      const [prompt, completion] = [900 + ((i * 613) % 6000), 120 + ((i * 211) % 900)];
      // A third of the prompts repeat a page already sent: half of them read from the provider's cache, at a tenth of the price.
      const cached = i % 3 === 0 ? Math.floor(prompt / 2) : 0;
      // Spread over the last 30 days.
      const daysAgo = Math.floor((i * 29) / 420);
      return {
        id: `store-${i}`,
        startedAt: Date.now() - daysAgo * day - ((i * 37) % 600) * 60_000,
        source: i % 5 === 0 ? 'compare' : 'sidepanel',
        stream: true,
        requestedModel: model,
        model,
        provider,
        attempts: [],
        usage: { prompt, completion, cached, cacheWrite: 0, reasoning: 0 },
        usageEstimated: false,
        cost: ((prompt - cached * 0.9) * perMillion[0]! + completion * perMillion[1]!) / 1e6,
        cacheSaved: (cached * 0.9 * perMillion[0]!) / 1e6,
        priced: true,
        ttftMs: ttftMs + ((i * 53) % 300),
        totalMs: ttftMs + 1500 + ((i * 97) % 4000),
        finishReason: 'stop',
        status: i % 41 === 0 ? 'error' : 'ok',
      };
    });
    await debug.recordMany(rows);
  });

  const panel = await extension.open('sidepanel');
  await pickModel(panel, 'sonnet 4.5', 'anthropic/claude-sonnet-4-5');
  mock.script('anthropic', { text: ANSWER, usage: { prompt: 1200, completion: 160 } });
  await panel.getByLabel('Message').fill('What does a rail yard do?');
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('message-assistant').last().getByTestId('answer-meta')).toContainText('via anthropic');
  await shoot(panel, '1-chat');

  await panel.getByRole('tab', { name: 'Compare' }).click();
  const choose = async (index: number, search: string, name: RegExp) => {
    await panel.getByTestId(`compare-model-${index}`).getByTestId('compare-picker').click();
    await panel.getByLabel('Search models').fill(search);
    await panel.getByRole('option', { name }).first().click();
  };
  await choose(0, 'haiku 4.5', /Claude Haiku 4\.5/);
  await choose(1, 'gpt-4o mini', /GPT-4o mini/);
  mock.script('anthropic', { text: 'Claude: it splits arriving trains and **sorts each wagon** onto the track of its next train.' });
  mock.script('openai', { text: 'GPT: a yard *classifies* freight cars by destination, using a hump and retarders.' });
  await panel.getByLabel('Compare prompt').fill('In one sentence: what does a rail yard do?');
  await panel.getByLabel('Compare prompt').press('Enter');
  for (const i of [0, 1]) await expect(panel.getByTestId(`column-${i}`).getByTestId('answer-meta')).toContainText('first token');
  await shoot(panel, '2-compare');

  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  await options.reload();
  await expect(options.getByTestId('total-requests')).not.toHaveText('0');
  await shoot(options, '3-spending');

  // The providers at their real addresses, as a user has them (the chat above went to the mock).
  await addProvider(options, { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: 'https://api.anthropic.com' });
  await addProvider(options, { id: 'openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: 'https://api.openai.com/v1' });
  await addProvider(options, { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: 'http://localhost:11434' });
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.reload();
  await expect(options.getByTestId('provider-anthropic')).toContainText('••••4f2a');
  await shoot(options, '4-providers');
});
