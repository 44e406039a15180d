import { durationText } from '../../lib/ledger/signals-text';
import { expect, screenshotPath, test } from './fixtures';

/** The nearest-rank percentile of a list, by hand. */
const byHand = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]!;

test('the dashboard shows each model’s speed and errors, and says which model slowed down this week', async ({ extension }) => {
  const day = 86_400_000;
  // Forty answers a day ten days ago and yesterday from two models; one of them got slow, and one
  // was rate limited before the other answered for it.
  const steadyTtfts = Array.from({ length: 40 }, (_, i) => 200 + i * 10);
  await extension.worker.evaluate(
    async ({ steadyTtfts, day }) => {
      const debug = (globalThis as unknown as { switchyardDebug: { recordMany(r: unknown[]): Promise<number> } }).switchyardDebug;
      const row = (id: string, startedAt: number, model: string, attempts: unknown[], ttftMs: number, totalMs: number) => ({
        id,
        startedAt,
        source: 'api',
        stream: true,
        requestedModel: model,
        model,
        provider: 'signals-lab',
        attempts,
        usage: { prompt: 100, completion: 100, cached: 0, cacheWrite: 0, reasoning: 0 },
        usageEstimated: false,
        cost: 0.001,
        cacheSaved: 0,
        priced: true,
        ttftMs,
        totalMs,
        finishReason: 'stop',
        status: 'ok',
      });
      const ok = (model: string, ms: number) => ({ provider: 'signals-lab', model, modelId: `signals-lab/${model}`, status: 'ok', ms });
      const rows = [];
      for (const [i, ttft] of steadyTtfts.entries()) {
        for (const ago of [10, 1]) {
          rows.push(row(`steady-${ago}-${i}`, Date.now() - ago * day - i * 1000, 'signals-lab/steady', [ok('steady', ttft + 500)], ttft, ttft + 500));
          const slow = ago === 1 ? 3000 : 400;
          rows.push(
            row(
              `slowing-${ago}-${i}`,
              Date.now() - ago * day - i * 1000,
              'signals-lab/steady',
              [{ provider: 'signals-lab', model: 'slowing', modelId: 'signals-lab/slowing', status: 'error', httpStatus: 429, code: 'rate_limited', ms: 20 }, ok('steady', ttft + 500)],
              ttft + 20,
              ttft + 520,
            ),
          );
          rows.push(row(`slowing-ok-${ago}-${i}`, Date.now() - ago * day - i * 1000 - 1, 'signals-lab/slowing', [ok('slowing', slow + 600)], slow, slow + 600));
        }
      }
      await debug.recordMany(rows);
    },
    { steadyTtfts, day },
  );

  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#dashboard');
  const card = options.getByTestId('signals');
  const steady = card.locator('tr[data-key="signals-lab/steady"]');
  // Its 160 attempts: its own times, whether it answered first or for the other model.
  await expect(steady).toContainText('160');
  const ttfts = [...steadyTtfts, ...steadyTtfts, ...steadyTtfts, ...steadyTtfts];
  // Shown to two figures, from percentiles within 1% of the exact ones.
  const within = (ms: number) => new RegExp([0.99, 1, 1.01].map((f) => durationText(ms * f)).join('|'));
  const cells = steady.locator('td');
  await expect(cells.nth(2)).toContainText(within(byHand(ttfts, 50)));
  await expect(cells.nth(2)).toContainText(within(byHand(ttfts, 95)));

  const slowing = card.locator('tr[data-key="signals-lab/slowing"]');
  // 80 rate limited of 160 attempts, each covered by the other model.
  await expect(slowing.getByTestId('signal-errors')).toHaveText('50.0% (80 rate limited)');
  await expect(slowing.locator('td').nth(6)).toHaveText('50.0%');
  await expect(card.getByTestId('signal-changes')).toContainText('signals-lab/slowing: p95 time to first token 3.0 s this week, up from 400 ms over the four weeks before.');
  await expect(card.getByTestId('signal-changes')).not.toContainText('signals-lab/steady');

  await card.getByRole('button', { name: 'By provider' }).click();
  await expect(card.locator('tr[data-key="signals-lab"]')).toContainText('320');
  await card.getByRole('button', { name: 'By model' }).click();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('options-signals') });
});
