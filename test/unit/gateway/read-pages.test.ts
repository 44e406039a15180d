import { DOMParser } from 'linkedom';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sourcesForWindow } from '../../../lib/gateway/found-sources';
import { isPrivateAddress, readFoundPages, type FoundPage, type PageReader, type SearchKind } from '../../../lib/gateway/search-providers';
import { readHtml } from '../../../lib/page/read-html';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

/** The extension's reader (Readability), in linkedom's DOM where the browser would give its own. */
const readPage: PageReader = async (html) => readHtml(html, new DOMParser() as unknown as globalThis.DOMParser);

const QUESTION = 'How long is the Gotthard Base Tunnel?';
const ANSWER = 'It is 57.1 km long [1] and opened in June 2016 [2].';
const KEYS: Record<SearchKind, string> = { brave: 'BSA-test', tavily: 'tvly-test', exa: 'exa-test' };
const systemOf = (body: Record<string, unknown>) => String((body.messages as { role: string; content: unknown }[]).find((m) => m.role === 'system')?.content ?? '');

describe('a search service’s result pages, read for a model without search of its own', () => {
  for (const kind of ['brave', 'tavily', 'exa'] as const) {
    it(`${kind}: the model gets each page’s article (not its menus, scripts or footer), in the page’s own charset, and cites the pages`, async () => {
      const client = h.client({ retry: { maxRetries: 0 }, search: { kind, apiKey: KEYS[kind], baseUrl: `${h.mock.url}/t/pages/${kind}`, readPage } });
      h.mock.script('ollama', { text: ANSWER });
      const answer = await client.chat.completions.create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: QUESTION }], web_search_options: {} } as never);

      const fetched = h.mock.requests.filter((r) => r.target === 'web');
      expect(fetched.map((r) => r.path).sort()).toEqual(['/web/rail.example/history', '/web/tunnels.example/gotthard']);
      expect(fetched.every((r) => r.headers.cookie === undefined)).toBe(true);
      const system = systemOf(h.mock.requests.at(-1)!.body);
      // Words only the pages have (the services' snippets stop at the length and the opening).
      expect(system).toContain('with up to 2,300 m of rock above it, the deepest');
      expect(system).toContain('Über 2600 Arbeiter waren beteiligt');
      expect(system).toContain('rund 12,2 Milliarden Franken');
      for (const chrome of ['Subscribe to our newsletter', 'Accept all cookies', 'tracking-script-text', 'style-text', 'footer-boilerplate', 'Impressum']) expect(system).not.toContain(chrome);
      const message = answer.choices[0]!.message as { annotations?: { url_citation: { url: string } }[] };
      expect(message.annotations!.map((a) => a.url_citation.url)).toEqual([`${h.mock.url}/web/tunnels.example/gotthard`, `${h.mock.url}/web/rail.example/history`]);
    });
  }

  it('without a page reader the model gets the service’s own words, and no page is fetched', async () => {
    const client = h.client({ retry: { maxRetries: 0 }, search: { kind: 'tavily', apiKey: 'tvly-test', baseUrl: `${h.mock.url}/t/pages/tavily` } });
    h.mock.script('ollama', { text: ANSWER });
    await client.chat.completions.create({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: QUESTION }], web_search_options: {} } as never);
    expect(h.mock.requests.filter((r) => r.target === 'web')).toEqual([]);
    const system = systemOf(h.mock.requests.at(-1)!.body);
    expect(system).toContain('The Gotthard Base Tunnel is 57.1 km long, the longest railway tunnel.');
    expect(system).not.toContain('2,300 m of rock');
  });
});

describe('readFoundPages: within its budget, the service’s words kept where a page cannot be read', () => {
  let server: Server;
  let base: string;
  const big = `<html><body><article><p>${'Tunnel words. '.repeat(400_000)}</p></article></body></html>`;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const send = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type }).end(body);
      if (req.url === '/slow') return void setTimeout(() => send(200, 'text/html', '<p>late</p>'), 3_000);
      if (req.url === '/pdf') return send(200, 'application/pdf', '%PDF-1.7');
      if (req.url === '/plain') return send(200, 'text/plain; charset=utf-8', 'Plain words of a text file.');
      if (req.url === '/big') return send(200, 'text/html; charset=utf-8', big);
      if (req.url === '/to-private') return void res.writeHead(302, { location: `${base}/plain` }).end();
      if (req.url === '/article') return send(200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>A</title></head><body><nav>Menu</nav><article><h1>A</h1><p>The article itself, long enough to be one.</p></article></body></html>');
      send(404, 'text/html', 'Not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const found = (path: string): FoundPage => ({ url: `${base}${path}`, title: path, text: `snippet of ${path}` });
  const budget = { totalMs: 800, maxBytes: 200_000, maxChars: 12_000 };

  it('reads what it can, keeps the snippet of a slow page, a PDF and a missing page, and takes a text file as it is', async () => {
    const read = vi.fn(readPage);
    const pages = await readFoundPages([found('/article'), found('/slow'), found('/pdf'), found('/missing'), found('/plain')], { read, fetch, privateAllowed: true, budget }, new AbortController().signal);
    expect(pages.map((p) => [p.text, Boolean(p.read)])).toEqual([
      ['The article itself, long enough to be one.', true],
      ['snippet of /slow', false],
      ['snippet of /pdf', false],
      ['snippet of /missing', false],
      ['Plain words of a text file.', true],
    ]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads no further into a page than its size budget, and cuts the words it gives', async () => {
    const read = vi.fn(readPage);
    const [page] = await readFoundPages([found('/big')], { read, fetch, privateAllowed: true, budget: { ...budget, totalMs: 5_000 } }, new AbortController().signal);
    expect(read.mock.calls[0]![0].length).toBeLessThanOrEqual(budget.maxBytes);
    expect(page!.read).toBe(true);
    expect(page!.text.length).toBe(budget.maxChars + 1);
    expect(page!.text.endsWith('…')).toBe(true);
  });

  it('never fetches a page on this machine or a private network for a service on the public web, nor follows a redirect into one', async () => {
    const fetchSpy = vi.fn(fetch);
    const pages = await readFoundPages([found('/article'), { url: 'http://192.168.1.1/admin', title: 'router', text: 'snippet' }], { read: readPage, fetch: fetchSpy, privateAllowed: false, budget }, new AbortController().signal);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(pages.every((p) => !p.read)).toBe(true);

    // A public page that redirects to a private one: fetched, then refused by where it ended.
    const redirecting: typeof fetch = async (input, init) => {
      const response = await fetch(`${base}/to-private`, init);
      void input;
      return response;
    };
    const [page] = await readFoundPages([{ url: 'https://public.example/page', title: 'p', text: 'snippet' }], { read: readPage, fetch: redirecting, privateAllowed: false, budget }, new AbortController().signal);
    expect(page).toEqual({ url: 'https://public.example/page', title: 'p', text: 'snippet' });
  });

  it('stops at once when the request is cancelled', async () => {
    const controller = new AbortController();
    const reading = readFoundPages([found('/slow')], { read: readPage, fetch, privateAllowed: true, budget: { ...budget, totalMs: 10_000 } }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect((await reading)[0]!.read).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['http://127.0.0.1:8080/', true],
    ['http://localhost/', true],
    ['http://printer.local/', true],
    ['http://10.2.3.4/', true],
    ['http://172.20.0.1/', true],
    ['http://192.168.0.10/', true],
    ['http://169.254.169.254/latest/meta-data', true],
    ['http://[::1]/', true],
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://[fd12:3456::1]/', true],
    ['http://[fe80::1]/', true],
    ['https://172.32.0.1/', false],
    ['https://en.wikipedia.org/wiki/Gotthard_Base_Tunnel', false],
    ['https://[2606:4700::1111]/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => expect(isPrivateAddress(url)).toBe(expected));
});

describe('sourcesForWindow', () => {
  const pages = [
    { url: 'https://a.example/', title: 'a', text: 'short page' },
    { url: 'https://b.example/', title: 'b', text: 'x'.repeat(20_000) },
    { url: 'https://c.example/', title: 'c', text: 'y'.repeat(20_000) },
  ];
  it('shares a small window between the pages: a short one whole, the long ones cut evenly', () => {
    const fitted = sourcesForWindow(pages, 8_192);
    expect(fitted[0]!.text).toBe('short page');
    const limit = 8_192 * 0.4 * 3.5;
    expect(fitted[1]!.text.length + fitted[2]!.text.length).toBeLessThanOrEqual(limit + 2);
    expect(Math.abs(fitted[1]!.text.length - fitted[2]!.text.length)).toBeLessThanOrEqual(1);
  });
  it('leaves them whole in a large window, or when the window is not known', () => {
    expect(sourcesForWindow(pages, 1_000_000)).toEqual(pages);
    expect(sourcesForWindow(pages, undefined)).toEqual(pages);
  });
});
