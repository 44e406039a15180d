import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CATALOG_FORMAT } from '../../lib/background/catalog-store';
import { LEDGER_NAME } from '../../lib/ledger/schema';
import { BUNDLED_CATALOG_ID } from '../../lib/catalog/source-date';
import { startMockProvider, type MockProvider } from '../mock-provider/server';
import { historyBenchmarks } from './history.bench';
import { median, ms, type Result } from './stats';

const output = resolve('.output/chrome-mv3');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A page's JavaScript: its entry script and the chunks it imports, followed transitively. */
function pageBytes(html: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(output, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["'`]\.?\.?\/?(chunks\/[^"'`]+\.js|[^"'`/]+\.js)["'`]/g)) {
      const target = match[1]!.startsWith('chunks/') ? match[1]! : `chunks/${match[1]}`;
      visit(target);
    }
  };
  const page = readFileSync(join(output, html), 'utf8');
  for (const match of page.matchAll(/src="\/?(chunks\/[^"]+\.js)"/g)) visit(match[1]!);
  return [...seen].reduce((sum, file) => sum + statSync(join(output, file)).size, 0);
}

function sizes(): Result[] {
  execFileSync('npx', ['wxt', 'zip'], { stdio: 'ignore' });
  const zip = readdirSync('.output').find((f) => f.endsWith('-chrome.zip'));
  const zipBytes = zip ? statSync(join('.output', zip)).size : NaN;
  const background = statSync(join(output, 'background.js')).size;
  const rows: Result[] = [
    { group: 'Extension size', name: 'background service worker (minified)', value: kb(background), baseline: '—', goal: '< 250 KB', met: background < 250 * 1024 },
    { group: 'Extension size', name: 'store zip', value: kb(zipBytes), baseline: '—', goal: '< 1.5 MB', met: zipBytes < 1.5 * 1024 * 1024 },
  ];
  for (const page of ['sidepanel', 'popup', 'options']) {
    const bytes = pageBytes(`${page}.html`);
    // The side panel opens often and must open fast: markdown and highlighting load only when an answer needs them.
    const goal = page === 'sidepanel' ? { goal: '< 500 KB', met: bytes < 500 * 1024 } : { goal: 'reported', met: true };
    rows.push({ group: 'Extension size', name: `${page} page JavaScript (loaded at open)`, value: kb(bytes), baseline: '—', ...goal });
  }
  const script = (file: string) => statSync(join(output, file)).size;
  rows.push({ group: 'Extension size', name: 'page reader (on every page)', value: kb(script('page-reader.js')), baseline: '—', goal: 'reported', met: true });
  rows.push({
    group: 'Extension size',
    name: 'page API and its relay (on the sites the user allows)',
    value: kb(script('page-api.js') + script('page-relay.js')),
    baseline: '—',
    goal: 'reported',
    met: true,
  });
  return rows;
}

async function launch(): Promise<{ context: BrowserContext; worker: Worker; id: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless=new', `--disable-extensions-except=${output}`, `--load-extension=${output}`, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, id: new URL(worker.url()).host, dir };
}

const call = (page: Page, type: string, payload: unknown = {}) =>
  page.evaluate(([t, p]) => chrome.runtime.sendMessage({ channel: 'switchyard', type: t, payload: p }), [type, payload] as const);

/** A heavy user's ledger: a million requests (BENCH_LEDGER_ROWS for fewer while working on it). */
const LEDGER_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);

async function dashboard(worker: Worker, page: Page): Promise<Result[]> {
  const ROWS = LEDGER_ROWS;
  await worker.evaluate(async (total) => {
    const debug = (globalThis as unknown as { switchyardDebug: { recordMany(r: unknown[]): Promise<number> } }).switchyardDebug;
    const models = ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5', 'google/gemini-2.5-flash', 'meta-llama/llama-3.3-70b-instruct', 'deepseek/deepseek-chat'];
    const providers = ['openai', 'anthropic', 'google', 'groq', 'deepseek'];
    const now = Date.now();
    for (let start = 0; start < total; start += 10_000) {
      const batch = [];
      for (let i = start; i < start + 10_000; i++) {
        const k = i % 5;
        batch.push({
          id: `bench-${i}`,
          startedAt: now - (i % 90) * 86_400_000 - (i % 1000),
          source: i % 3 ? 'sidepanel' : 'compare',
          stream: true,
          requestedModel: models[k],
          model: models[k],
          provider: providers[k],
          attempts: [{ provider: providers[k], model: models[k], modelId: models[k], status: i % 17 ? 'ok' : 'error', ms: 450 + (i % 997) * 7 }],
          usage: { prompt: 800 + (i % 400), completion: 200 + (i % 100), cached: 0, cacheWrite: 0, reasoning: 0 },
          usageEstimated: false,
          cost: 0.0005 + (i % 10) * 0.0001,
          priced: true,
          // Times spread over a few thousand values, as a real month's are (the signals' histograms fill).
          ttftMs: 150 + (i % 389) * 3,
          totalMs: 450 + (i % 997) * 7,
          finishReason: 'stop',
          status: i % 17 ? 'ok' : 'error',
        });
      }
      await debug.recordMany(batch);
    }
  }, ROWS);
  const today = new Date();
  const from = new Date(today.getTime() - 89 * 86_400_000);
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const timings: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 15; i++) {
    floor.push(await page.evaluate(async () => {
      const t = performance.now();
      await chrome.runtime.sendMessage({ channel: 'switchyard', type: 'app.status', payload: {} });
      return performance.now() - t;
    }));
    timings.push(
      await page.evaluate(async ([f, t]) => {
        const started = performance.now();
        const reply = await chrome.runtime.sendMessage({ channel: 'switchyard', type: 'dashboard.summary', payload: { from: f, to: t } });
        if (!reply.ok || reply.data.overall.requests < 1000) throw new Error(`summary failed: ${JSON.stringify(reply).slice(0, 200)}`);
        return performance.now() - started;
      }, [day(from), day(today)] as const),
    );
  }
  const value = median(timings);
  const rows = ROWS.toLocaleString('en');
  // The requests table: its first page, unfiltered and filtered to one provider, and an older page.
  const list = (filter: Record<string, unknown>, pageNumber: number) =>
    page.evaluate(async ([f, p]) => {
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ channel: 'switchyard', type: 'ledger.list', payload: { filter: f, page: p, pageSize: 50 } });
      if (!reply.ok || reply.data.rows.length !== 50) throw new Error(`list failed: ${JSON.stringify(reply).slice(0, 200)}`);
      return performance.now() - started;
    }, [filter, pageNumber] as const);
  const signals: number[] = [];
  for (let i = 0; i < 15; i++) {
    signals.push(
      await page.evaluate(async ([f, t]) => {
        const started = performance.now();
        const reply = await chrome.runtime.sendMessage({ channel: 'switchyard', type: 'dashboard.signals', payload: { from: f, to: t } });
        if (!reply.ok || reply.data.overall.attempts < 1000 || reply.data.byModel[0].ttftP95 === null) throw new Error(`signals failed: ${JSON.stringify(reply).slice(0, 200)}`);
        return performance.now() - started;
      }, [day(from), day(today)] as const),
    );
  }
  const table: number[] = [];
  const filtered: number[] = [];
  for (let i = 0; i < 9; i++) {
    table.push(await list({}, i % 3));
    filtered.push(await list({ provider: 'deepseek', status: 'error' }, i % 3));
  }
  return [
    { group: 'Ledger', name: `dashboard: 90-day summary over ${rows} ledger rows, in Chromium`, value: ms(value), baseline: `${ms(median(floor))} message round trip`, goal: '< 150 ms', met: value < 150 },
    {
      group: 'Ledger',
      name: `signals: 90 days of latency percentiles, error kinds and rates per model and provider over ${rows} rows`,
      value: ms(median(signals)),
      baseline: `${ms(median(floor))} message round trip`,
      goal: '< 300 ms',
      met: median(signals) < 300,
    },
    { group: 'Ledger', name: `requests table: a page of 50 of ${rows} rows`, value: ms(median(table)), baseline: `${ms(median(floor))} message round trip`, goal: '< 150 ms', met: median(table) < 150 },
    {
      group: 'Ledger',
      name: `requests table filtered to one provider's errors (1 row in 85)`,
      value: ms(median(filtered)),
      baseline: `${ms(median(floor))} message round trip`,
      goal: '< 150 ms',
      met: median(filtered) < 150,
    },
  ];
}

/**
 * Records in `window.__longest` the longest gap between two of the page's own macrotasks: a task
 * queued behind others waits for all of them, so this counts tasks under 50 ms that the long
 * task API does not report, and tasks queued back to back.
 */
function startGapProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    const channel = new MessageChannel();
    let last = performance.now();
    channel.port1.onmessage = () => {
      const now = performance.now();
      w.__longest = Math.max(w.__longest, now - last);
      last = now;
      setTimeout(() => {
        last = performance.now();
        channel.port2.postMessage(0);
      }, 0);
    };
    channel.port2.postMessage(0);
  });
}

async function compareLongTasks(context: BrowserContext, id: string, page: Page, mock: MockProvider): Promise<Result[]> {
  await call(page, 'providers.save', { settings: { id: 'bench-openai', name: 'OpenAI (mock)', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai') }, apiKey: 'k' });
  const words = Array.from({ length: 900 }, (_, i) => (i % 40 === 39 ? `word${i}.\n\n` : i % 97 === 0 ? '**bold** ' : `word${i} `)).join('');
  // About 300 tokens a second per column: a word every 3 ms.
  mock.script('openai', { text: words, chunkDelayMs: 3, times: 3 });
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Compare' }).click();
  await panel.evaluate(() => {
    const w = window as unknown as { __longest: number; __longTasks: number };
    w.__longTasks = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        w.__longTasks++;
        w.__longest = Math.max(w.__longest, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  // Catch tasks under the 50 ms long-task threshold too: a macrotask probe measures every gap.
  await startGapProbe(panel);
  const pick = async (index: number, name: RegExp) => {
    await panel.getByTestId(`compare-model-${index}`).getByTestId('compare-picker').click();
    await panel.getByLabel('Search models').fill('gpt');
    await panel.getByRole('option', { name }).first().click();
  };
  await pick(0, /^GPT-4o mini/);
  await pick(1, /^GPT-4o bench|^GPT-4o openai|^GPT-4o\b(?! mini)/);
  await panel.getByRole('button', { name: 'Add a model' }).click();
  await pick(2, /^GPT-4\.1 mini/);
  // Both measure the streaming only, from the prompt on (picking the models is not part of the row).
  await panel.evaluate(() => {
    const w = window as unknown as { __longest: number; __longTasks: number };
    w.__longest = 0;
    w.__longTasks = 0;
  });
  const started = Date.now();
  await panel.getByLabel('Compare prompt').fill('Write a long essay');
  await panel.getByLabel('Compare prompt').press('Enter');
  for (const i of [0, 1, 2]) await panel.getByTestId(`column-${i}`).getByTestId('answer-meta').waitFor({ timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  const { longest, count } = await panel.evaluate(() => ({ longest: (window as unknown as { __longest: number }).__longest, count: (window as unknown as { __longTasks: number }).__longTasks }));
  return [
    {
      group: 'Side panel',
      name: `3-model compare streaming ${Math.round((900 * 3) / seconds)} words/s in all for ${seconds.toFixed(1)} s`,
      value: ms(longest),
      baseline: `${count} long tasks`,
      goal: 'longest task < 50 ms',
      met: longest < 50,
    },
  ];
}

/**
 * The side panel's model picker with a refreshed catalog and an OpenRouter key, so that some 540
 * models are usable: the longest main-thread gap (the compare row's probe) from the click that
 * opens it, through "show all", to scrolling its list (rendered only where in view) to the last model; against the same with
 * the bundled catalog (~100 models).
 */
async function pickerLongTasks(context: BrowserContext, id: string, page: Page, mock: MockProvider): Promise<Result[]> {
  await call(page, 'providers.save', { settings: { id: 'bench-openrouter', name: 'OpenRouter (mock)', kind: 'openai', preset: 'openrouter', baseUrl: mock.baseUrl('openai') }, apiKey: 'k' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const measure = async () => {
    // The worker reads the catalog when it starts: stopped, it starts again with the one stored.
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Asked before the panel opens: extension pages share one main thread, and receiving the list
    // in the options page would count as the panel's.
    const models = ((await call(page, 'catalog.models')) as { data: { models: unknown[] } }).data.models.length;
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${id}/sidepanel.html`);
    await panel.getByText('Background ready').waitFor();
    await panel.waitForTimeout(1000);
    await startGapProbe(panel);
    await panel.getByTestId('model-picker').click();
    const list = panel.getByRole('listbox', { name: 'Models' });
    await list.waitFor();
    await panel.getByText('show all').click();
    // Scrolled through to the end a screen at a time, as a reader would, then straight to the end.
    for (let i = 0; i < 40; i++) {
      await list.evaluate((el) => el.scrollBy(0, el.clientHeight));
      await panel.waitForTimeout(50);
    }
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const setSize = Number(await list.getByRole('option').last().getAttribute('aria-setsize'));
    await list.locator(`[aria-posinset="${setSize}"]`).waitFor();
    if (setSize < models) throw new Error(`the picker listed ${setSize} of ${models} models`);
    const longest = await panel.evaluate(() => (window as unknown as { __longest: number }).__longest);
    await panel.close();
    return { longest, models };
  };
  const bundled = await measure();
  await page.evaluate((entry) => chrome.storage.local.set({ catalog: entry }), (await refreshedCatalog(page)).entry);
  const refreshed = await measure();
  await page.evaluate(() => chrome.storage.local.remove('catalog'));
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  return [
    {
      group: 'Side panel',
      name: `model picker with ${refreshed.models} models: opened, "show all", scrolled to the last`,
      value: ms(refreshed.longest),
      baseline: `${ms(bundled.longest)} with ${bundled.models} models`,
      goal: 'longest task < 50 ms',
      met: refreshed.longest < 50,
    },
  ];
}

/**
 * Time from opening a port to the first streamed chunk, as the side panel sees it. The port is
 * closed then (the request ends), unless `keepOpen`: the answer goes on streaming.
 */
function timeToFirstChunk(page: Page, { keepOpen = false }: { keepOpen?: boolean } = {}): Promise<number> {
  return page.evaluate(
    (open) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const port = chrome.runtime.connect({ name: 'switchyard-stream' });
        port.onMessage.addListener((frame: { t: string; error?: { message: string } }) => {
          if (frame.t === 'chunk') {
            resolve(performance.now() - started);
            if (!open) port.disconnect();
          } else if (frame.t === 'error') reject(new Error(frame.error?.message));
        });
        port.postMessage({ t: 'start', type: 'chat.completions', payload: { source: 'options', body: { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } } });
      }),
    keepOpen,
  );
}

/** The mock provider the cold start rows ask, with an (empty) budget setting stored as a user's would be. */
async function setUpColdStart(page: Page, mock: MockProvider): Promise<void> {
  await call(page, 'providers.save', { settings: { id: 'openai', name: 'OpenAI (mock)', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai') }, apiKey: 'k' });
  await call(page, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
}

/**
 * Waits until the worker has ended its last request: no ledger row in progress. Chrome stops only
 * a worker that has been idle for 30 seconds, so a cold start finds every request ended.
 */
async function waitUntilIdle(page: Page): Promise<void> {
  await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    // One expression, no named functions: the bench runs through tsx, whose helpers the page lacks.
    for (const end = Date.now() + 5_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
      const count = db.transaction('requests').objectStore('requests').index('status').count('in_progress');
      if ((await new Promise<number>((resolve, reject) => ((count.onsuccess = () => resolve(count.result)), (count.onerror = () => reject(count.error))))) === 0) break;
    }
    db.close();
  }, LEDGER_NAME);
  await page.waitForTimeout(100);
}

/** Starts a slow answer and returns once it streams, leaving it running (the port stays open). */
async function streamUntilStopped(page: Page, mock: MockProvider): Promise<void> {
  mock.script('openai', { text: 'slow '.repeat(400), chunkDelayMs: 20 });
  await timeToFirstChunk(page, { keepOpen: true });
}

/** A kind of cold start: the catalog stored when the worker stops, and when it is stopped. */
interface ColdCase {
  /** The `catalog` entry of extension storage (the seeded bundled copy, or a refresh). */
  catalog: unknown;
  /**
   * 'idle': once its last request has ended, as Chrome stops a worker after 30 idle seconds;
   * 'mid-request': while an answer streams (as at Chrome's five-minute limit, or an update), so the
   * next worker first settles that request's row.
   */
  stop: 'idle' | 'mid-request';
}

/**
 * Median times to the first chunk after Chrome stopped the worker, and the warm medians around
 * them, for each case. The cases take turns (in an order turned every round), so the machine's
 * drift and the browser's own warming up over a run fall on all of them alike.
 */
async function coldRounds(page: Page, cdp: CDPSession, mock: MockProvider, rounds: number, cases: ColdCase[]): Promise<{ warm: number; cold: number }[]> {
  const samples = cases.map(() => ({ warm: [] as number[], cold: [] as number[] }));
  let stored: unknown;
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < cases.length; turn++) {
      const k = (turn + round) % cases.length;
      const { catalog, stop } = cases[k]!;
      if (catalog !== stored) await page.evaluate((entry) => chrome.storage.local.set({ catalog: entry }), catalog);
      stored = catalog;
      for (let i = 0; i < 3; i++) samples[k]!.warm.push(await timeToFirstChunk(page));
      if (stop === 'idle') await waitUntilIdle(page);
      else await streamUntilStopped(page, mock);
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(200);
      samples[k]!.cold.push(await timeToFirstChunk(page));
    }
  }
  return samples.map(({ warm, cold }) => ({ warm: median(warm), cold: median(cold) }));
}

/** The first request's time to first chunk in each of `count` new browsers, just after the extension was installed. */
async function firstRequestsAfterFreshInstalls(mock: MockProvider, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { context, id, dir } = await launch();
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/options.html`);
      await setUpColdStart(page, mock);
      times.push(await timeToFirstChunk(page));
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return times;
}

/**
 * A catalog as the daily refresh leaves it: the bundled models and, like OpenRouter's list,
 * some 450 more, as the worker saves a refresh (its `catalog` storage entry, and its model count).
 */
async function refreshedCatalog(page: Page): Promise<{ entry: unknown; models: number }> {
  return page.evaluate(async ({ format, base }) => {
    const bundled = (await (await fetch('/catalog/bundled.json')).json()) as { models: unknown[] };
    const listed = Array.from({ length: 450 }, (_, i) => ({
      id: `lab-${i % 45}/model-${i}`,
      name: `Lab ${i % 45}: Model ${i}`,
      author: `lab-${i % 45}`,
      contextLength: 131_072,
      maxOutput: 16_384,
      pricing: { input: 0.5 + (i % 7), output: 2 + (i % 11) },
      capabilities: { tools: i % 2 === 0, vision: i % 3 === 0, json: true, reasoning: i % 5 === 0 },
      endpoints: [{ provider: 'openrouter', model: `lab-${i % 45}/model-${i}` }],
    }));
    const models = [...bundled.models, ...listed];
    return { entry: { format, base, json: JSON.stringify({ sourceDate: '2099-01-01', models }) }, models: models.length };
  }, { format: CATALOG_FORMAT, base: BUNDLED_CATALOG_ID });
}

/**
 * The first token through a cold worker (Chrome stopped it, as it does after 30 idle seconds)
 * and the first after install, against the warm figure, on a loopback provider that answers at
 * once; then the same with a refreshed catalog, as most users have one a minute after install.
 */
async function coldStart(context: BrowserContext, page: Page, mock: MockProvider): Promise<Result[]> {
  await setUpColdStart(page, mock);
  // One sample per install moves by tens of milliseconds here: two more fresh installs, and their median.
  const afterInstall = median([await timeToFirstChunk(page), ...(await firstRequestsAfterFreshInstalls(mock, 2))]);
  // Chrome stops a worker only after 30 idle seconds, so the copy of the bundled catalog a worker
  // saves 2 s after its first request (lib/background/catalog-store.ts) is always written before
  // the next cold start; the stops below come sooner than Chrome's, so the wait is made here.
  await page.waitForTimeout(2_500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const seeded = await page.evaluate(async () => (await chrome.storage.local.get('catalog')).catalog);
  const refresh = await refreshedCatalog(page);
  // Fifteen stops each: this VM's figures move by ±10 ms between single cold starts.
  const [bundled, midRequest, refreshed] = (await coldRounds(page, cdp, mock, 15, [
    { catalog: seeded, stop: 'idle' },
    { catalog: seeded, stop: 'mid-request' },
    { catalog: refresh.entry, stop: 'idle' },
  ])) as [{ warm: number; cold: number }, { warm: number; cold: number }, { warm: number; cold: number }];
  const models = refresh.models;
  await page.evaluate(() => chrome.storage.local.remove('catalog'));
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const added = bundled.cold - bundled.warm;
  const refreshedAdded = refreshed.cold - refreshed.warm;
  const installAdded = afterInstall - bundled.warm;
  const midRequestAdded = midRequest.cold - midRequest.warm;
  return [
    { group: 'Cold start', name: 'first token after Chrome stopped the idle worker (median of 15 stops)', value: `+${ms(added)}`, baseline: `${ms(bundled.warm)} warm`, goal: '< 50 ms added', met: added < 50 },
    { group: 'Cold start', name: `the same with a refreshed catalog of ${models} models (median of 15 stops)`, value: `+${ms(refreshedAdded)}`, baseline: `${ms(refreshed.warm)} warm`, goal: '< 50 ms added', met: refreshedAdded < 50 },
    { group: 'Cold start', name: 'the same when the last worker was stopped while an answer streamed (its row settled first; median of 15)', value: `+${ms(midRequestAdded)}`, baseline: `${ms(midRequest.warm)} warm`, goal: 'reported', met: true },
    { group: 'Cold start', name: 'first token of the first request after install (median of 3 installs)', value: `+${ms(installAdded)}`, baseline: `${ms(bundled.warm)} warm`, goal: 'no slower than cold', met: installAdded <= Math.max(added, 50) },
  ];
}

export async function extensionBenchmarks(): Promise<Result[]> {
  const results = sizes();
  const mock = await startMockProvider();
  const { context, worker, id, dir } = await launch();
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    // BENCH_ONLY=history (or cold, dashboard, compare, picker, or several: dashboard,compare) runs only those groups, when working on them.
    const only = process.env.BENCH_ONLY;
    const wanted = (group: string) => !only || only.split(',').includes(group);
    if (wanted('cold')) results.push(...(await coldStart(context, page, mock)));
    if (wanted('dashboard')) results.push(...(await dashboard(context.serviceWorkers().at(-1) ?? worker, page)));
    if (wanted('compare')) results.push(...(await compareLongTasks(context, id, page, mock)));
    if (wanted('picker')) results.push(...(await pickerLongTasks(context, id, page, mock)));
    if (wanted('history')) {
      await call(page, 'providers.save', { settings: { id: 'history-openai', name: 'OpenAI (mock)', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai') }, apiKey: 'k' });
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${id}/sidepanel.html`);
      results.push(...(await historyBenchmarks(panel)));
    }
  } finally {
    await context.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
