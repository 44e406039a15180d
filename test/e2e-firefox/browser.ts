import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import WebSocket from 'ws';

/** The Firefox build's add-on id (wxt.config.ts) and the fixed UUID its pages live under in the test profile. */
const GECKO_ID = 'switchyard@switchyard.dev';
const EXTENSION_UUID = '6f1c2b7e-3d4a-4e8b-9c5d-1a2b3c4d5e6f';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface Firefox {
  browser: Browser;
  /** Extension pages opened at start (BiDi may not navigate to moz-extension:// URLs itself). */
  extensionPage(name: 'options' | 'popup' | 'sidepanel'): Promise<Page>;
  close(): Promise<void>;
}

const PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'browser.aboutwelcome.enabled': false,
  'app.update.disabledForTesting': true,
  'network.proxy.type': 0,
  // A permission the extension asks for from a click is granted as the user's "Allow" would
  // (the prompt is the browser's own UI, out of the page's reach).
  'extensions.webextOptionalPermissionPrompts': false,
};

function userJs(): string {
  return Object.entries(PREFS)
    .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
    .join('\n');
}

function bidiUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start WebDriver BiDi within 30 s:\n${seen}`)), 30_000);
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    child.stderr?.on('data', read);
    child.stdout?.on('data', read);
    child.once('exit', (code) => reject(new Error(`Firefox exited (${code}) before BiDi started:\n${seen}`)));
  });
}

/** A raw WebDriver BiDi session: installs the extension and opens its pages from the browser's parent process. */
async function prepare(url: string, extensionPath: string, pages: string[]): Promise<void> {
  const socket = new WebSocket(`${url}/session`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; type: string; result?: unknown; error?: string; message?: string };
    const waiter = message.id === undefined ? undefined : waiting.get(message.id);
    if (!waiter) return;
    waiting.delete(message.id!);
    if (message.type === 'error') waiter.reject(new Error(`${message.error}: ${message.message}`));
    else waiter.resolve(message.result);
  });
  const send = <T>(method: string, params: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  await send('session.new', { capabilities: {} });
  await send('webExtension.install', { extensionData: { type: 'path', path: extensionPath } });
  const tree = await send<{ contexts: { context: string }[] }>('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = tree.contexts[0]!.context;
  for (const page of pages) {
    await send('script.evaluate', {
      expression: `Services.wm.getMostRecentWindow('navigator:browser').gBrowser.addTab(${JSON.stringify(page)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); true`,
      target: { context: chrome },
      awaitPromise: false,
    });
  }
  await send('session.end', {});
  socket.close();
}

/** Starts Debian's Firefox ESR headless with the built Firefox extension installed, and connects puppeteer to it. */
export async function launchFirefox(extensionPath: string): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-firefox-'));
  writeFileSync(join(profile, 'user.js'), userJs());
  const child = spawn(
    process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    ['--headless', '--remote-debugging-port', '0', '--remote-allow-system-access', '--profile', profile, '--no-remote'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await bidiUrl(child);
    const names = ['options', 'popup', 'sidepanel'] as const;
    await prepare(
      url,
      extensionPath,
      names.map((n) => `${EXTENSION_ORIGIN}/${n}.html`),
    );
    const browser = await puppeteer.connect({ browserWSEndpoint: `${url}/session`, protocol: 'webDriverBiDi' });
    return {
      browser,
      async extensionPage(name) {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const page = (await browser.pages()).find((p) => p.url().startsWith(`${EXTENSION_ORIGIN}/${name}.html`));
          if (page) return page;
          if (Date.now() > deadline) throw new Error(`The extension's ${name} page did not open in Firefox.`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      async close() {
        await browser.disconnect().catch(() => undefined);
        child.kill('SIGTERM');
        await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
