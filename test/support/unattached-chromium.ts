import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * Chromium with the extension loaded, driven without attaching to the extension's service worker.
 * Playwright attaches to every worker, and an attached worker is never stopped for idleness; a test
 * of what Chrome does to an idle worker needs a browser that leaves it alone (puppeteer's
 * `targetFilter`).
 */
export interface UnattachedChromium {
  /** Opens an extension page and returns a function evaluating an expression in it (promises awaited). */
  open(path: string): Promise<(expression: string) => Promise<unknown>>;
  close(): Promise<void>;
}

export async function launchUnattached(extensionPath: string): Promise<UnattachedChromium> {
  const browser: Browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    enableExtensions: [extensionPath],
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    targetFilter: (target) => target.type() !== 'service_worker',
  });
  // The worker is not a target puppeteer sees; the browser's own list names it.
  const listUrl = `http://${new URL(browser.wsEndpoint()).host}/json/list`;
  let extensionId: string | undefined;
  for (const end = Date.now() + 15_000; !extensionId && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const targets = (await (await fetch(listUrl)).json()) as { type: string; url: string }[];
    const worker = targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (worker) extensionId = new URL(worker.url).host;
  }
  if (!extensionId) throw new Error('Chromium did not start the extension in time');

  return {
    async open(path) {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return (expression) => page.evaluate(expression);
    },
    close: () => browser.close(),
  };
}
