import { chromium, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMockProvider, type MockProvider } from '../mock-provider/server';
import { streamChatInPage } from '../support/in-page';

export const extensionPath = resolve('.output/chrome-mv3');

export interface Extension {
  context: BrowserContext;
  id: string;
  /** The background service worker now running (a new one after Chrome stopped the last). */
  readonly worker: Worker;
  /** Stops the service worker, as Chrome does to idle, long-running or updated MV3 workers. */
  stopWorker(): Promise<void>;
  /** Opens one of the extension's pages (sidepanel, popup, options) as a tab. */
  open(page: 'sidepanel' | 'popup' | 'options'): Promise<Page>;
}

export interface PageServer {
  /** Serves `html` at a fresh path and returns its URL on 127.0.0.1. */
  serve(html: string, path?: string): string;
  /** Serves a script at a path (same server, both origins: 127.0.0.1 and localhost). */
  serveScript(path: string, code: string): void;
  /** Serves bytes of a content type (a PDF, say) at a path and returns its URL on 127.0.0.1. */
  serveFile(path: string, body: Buffer, contentType: string): string;
  port: number;
}

const chromiumArgs = (path: string) => [
  '--headless=new',
  `--disable-extensions-except=${path}`,
  `--load-extension=${path}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startChromium(userDataDir: string, path = extensionPath) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs(path),
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  return { context, worker, id: new URL(worker.url()).host };
}

/**
 * Records in the profile that the user granted the extension these optional origins, as Chrome
 * does when the user accepts its permission prompt (which headless Chromium cannot show).
 * Chrome reads it at the next start; the extension's code then sees a real grant.
 */
function grantInProfile(userDataDir: string, id: string, origins: string[]) {
  const file = join(userDataDir, 'Default', 'Preferences');
  const preferences = JSON.parse(readFileSync(file, 'utf8')) as { extensions: { settings: Record<string, Record<string, { explicit_host?: string[] }>> } };
  const settings = preferences.extensions.settings[id];
  if (!settings) throw new Error(`The profile has no settings for extension ${id}.`);
  for (const key of ['granted_permissions', 'active_permissions', 'runtime_granted_permissions']) {
    const set = (settings[key] ??= {});
    set.explicit_host = [...new Set([...(set.explicit_host ?? []), ...origins])];
  }
  writeFileSync(file, JSON.stringify(preferences));
}

/**
 * Starts Chromium with the built extension in a fresh profile. With `grantedOrigins`, the browser
 * starts once to install it, records the user's grant of those optional origins and starts again.
 */
export async function launchExtension({ grantedOrigins = [] as string[] } = {}): Promise<{ extension: Extension; close(): Promise<void> }> {
  if (!existsSync(`${extensionPath}/manifest.json`)) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build\` first (npm test does).`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  let started = await startChromium(userDataDir);
  if (grantedOrigins.length) {
    await started.context.close();
    grantInProfile(userDataDir, started.id, grantedOrigins);
    started = await startChromium(userDataDir);
  }
  const { context, worker, id } = started;
  const extension: Extension = {
    context,
    id,
    get worker() {
      return context.serviceWorkers().at(-1) ?? worker;
    },
    async stopWorker() {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await page.close();
    },
    async open(name) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/${name}.html`);
      return page;
    },
  };
  return {
    extension,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An `extension` fixture: one browser per test worker, with the built extension in a fresh profile.
 * A spec that needs a browser of its own (a granted origin, no other test's providers) overrides
 * the shared one with this.
 */
export function ownExtension(options: { grantedOrigins?: string[] } = {}): [(args: object, use: (extension: Extension) => Promise<void>) => Promise<void>, { scope: 'worker' }] {
  return [
    async ({}, use) => {
      const { extension, close } = await launchExtension(options);
      await use(extension);
      await close();
    },
    { scope: 'worker' },
  ];
}

export const test = base.extend<{ pageServer: PageServer }, { extension: Extension; mock: MockProvider }>({
  mock: [
    async ({}, use) => {
      const mock = await startMockProvider();
      await use(mock);
      await mock.close();
    },
    { scope: 'worker' },
  ],

  extension: ownExtension(),

  pageServer: async ({}, use) => {
    const pages = new Map<string, string>();
    const scripts = new Map<string, string>();
    const files = new Map<string, { body: Buffer; contentType: string }>();
    const server: Server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const file = files.get(path);
      if (file) {
        res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length });
        res.end(file.body);
        return;
      }
      const script = scripts.get(path);
      if (script) {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(script);
        return;
      }
      const html = pages.get(path);
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { port } = server.address() as AddressInfo;
    let counter = 0;
    await use({
      serve(html, path = `/page-${++counter}.html`) {
        pages.set(path, html);
        return `http://127.0.0.1:${port}${path}`;
      },
      serveScript(path, code) {
        scripts.set(path, code);
      },
      serveFile(path, body, contentType) {
        files.set(path, { body, contentType });
        return `http://127.0.0.1:${port}${path}`;
      },
      port,
    });
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  },
});

export const expect = test.expect;

export const screenshotPath = (name: string) => `test-results/screenshots/${name}.png`;

/** Sends a typed call to the background from an extension page, as the pages do. */
export function call<T = unknown>(page: Page, type: string, payload: unknown = {}): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  return page.evaluate(([t, p]) => chrome.runtime.sendMessage({ channel: 'switchyard', type: t, payload: p }), [type, payload] as const);
}

/** Adds a provider pointing at the mock, through the background, as the options page will. */
export async function addProvider(page: Page, settings: Record<string, unknown>, apiKey?: string) {
  const reply = await call(page, 'providers.save', { settings, apiKey });
  if (!reply.ok) throw new Error(`providers.save failed: ${reply.error?.message}`);
  return reply.data;
}

/** Streams one chat through the background's port, as the side panel does, and returns the text. */
export function streamChat(page: Page, body: unknown): Promise<string> {
  return page.evaluate(streamChatInPage, body);
}

/** Drops a context-menu job another test may have left, so a side panel opened next starts as a plain chat. */
export function dropPendingJob(page: Page): Promise<void> {
  return page.evaluate(() => chrome.storage.session.remove('pendingJob'));
}


/** Picks a model in the side panel's (or compare's) picker by its id, after searching for it as a user would. */
export async function pickModel(panel: Page, search: string, id: string) {
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill(search);
  await panel.locator(`[role="option"][title="${id}"]`).click();
}

/** The system message's text of a request the mock received, whether sent as a string or as parts (marked for the prompt cache). */
export function systemOf(body: Record<string, unknown>): string {
  const content = (body.messages as { role: string; content: unknown }[]).find((m) => m.role === 'system')?.content;
  return typeof content === 'string' ? content : ((content ?? []) as { text?: string }[]).map((p) => p.text ?? '').join('\n');
}
