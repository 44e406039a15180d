import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * Chromium with the extension loaded, driven over the DevTools protocol without attaching to the
 * extension's service worker. Playwright attaches to every worker, and an attached worker is never
 * stopped for idleness; a test of what Chrome does to an idle worker needs a browser nothing attaches to.
 */
export interface UnattachedChromium {
  extensionId: string;
  /** Opens an extension page and returns a function evaluating an expression in it (promises awaited). */
  open(path: string): Promise<(expression: string) => Promise<unknown>>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(find: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const found = await find().catch(() => undefined);
    if (found !== undefined) return found;
  }
  throw new Error('Chromium did not start the extension in time');
}

export async function launchUnattached(extensionPath: string): Promise<UnattachedChromium> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'unattached-'));
  const browser: ChildProcess = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ['--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`, '--no-sandbox', '--disable-gpu', '--no-first-run', 'about:blank'],
    { stdio: 'ignore' },
  );
  const worker = await until(async () => {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; url: string }[];
    return targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  });
  const extensionId = new URL(worker.url).host;
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve) => socket.once('open', resolve));
  let nextId = 1;
  const replies = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) replies.get(message.id)?.(message);
  });
  const send = <T,>(method: string, params: object = {}, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      replies.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result as T)));
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  return {
    extensionId,
    async open(path) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: `chrome-extension://${extensionId}/${path}` });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      const evaluate = async (expression: string) => {
        const { result, exceptionDetails } = await send<{ result: { value: unknown }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
        if (exceptionDetails) throw new Error(exceptionDetails.text);
        return result.value;
      };
      await until(async () => ((await evaluate("document.readyState === 'complete' && typeof chrome.runtime?.sendMessage === 'function'")) ? true : undefined));
      return evaluate;
    },
    async close() {
      socket.close();
      browser.kill();
      await new Promise((resolve) => browser.once('exit', resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
