import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { mockVector } from '../mock-provider/embeddings';
import { addProvider, call, expect, screenshotPath, test, type Extension } from './fixtures';

const KEY = 'sk-page-api-SECRET-9c1d77';
let sdkBundle: string | undefined;

/** The real `openai` SDK, bundled for a web page, as a site would ship it. */
async function openAiForBrowser(): Promise<string> {
  sdkBundle ??= (
    await build({
      stdin: { contents: "export { default as OpenAI } from 'openai';", resolveDir: process.cwd() },
      bundle: true,
      format: 'iife',
      globalName: 'OpenAIBundle',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text;
  return sdkBundle;
}

const PAGE = `<!doctype html><title>A site that wants AI</title>
<script src="/openai.js"></script>
<script>
  window.askWithSdk = async (question) => {
    const client = new OpenAIBundle.OpenAI({ baseURL: 'https://switchyard.invalid/v1', apiKey: 'not-needed', dangerouslyAllowBrowser: true, maxRetries: 0, fetch: window.switchyard.fetch });
    const stream = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', stream: true, max_tokens: 200, messages: [{ role: 'user', content: question }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    return text;
  };
</script><p>Hello</p>`;

/** The page API is off by default; these tests turn it on for their pages' origins. */
async function setUp(extension: Extension, mockUrl: string, port: number) {
  const options = await extension.open('options');
  await call(options, 'pageApi.setPresence', { mode: 'sites', sites: [`http://127.0.0.1:${port}`, `http://localhost:${port}`] });
  await addProvider(options, { id: 'openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: `${mockUrl}/openai/v1` }, KEY);
  await call(options, 'budgets.save', { global: {}, providers: {}, warnAt: 0.8 });
  await options.close();
}

async function decideInPopup(extension: Extension, origin: string, button: 'Allow once' | 'Always allow' | 'Deny') {
  const popup = await extension.open('popup');
  const prompt = popup.getByTestId('consent-prompt').filter({ hasText: origin });
  await expect(prompt).toBeVisible();
  await popup.screenshot({ path: screenshotPath(`popup-consent-${button.replace(/\s/g, '-').toLowerCase()}`) });
  await prompt.getByRole('button', { name: button }).click();
  await expect(prompt).toHaveCount(0);
  await popup.close();
}

const attempt = (page: Page, question: string) => page.evaluate((q) => (window as unknown as { askWithSdk(q: string): Promise<string> }).askWithSdk(q).catch((e: Error) => `ERROR ${e.message}`), question);

test('a page asks for access, is refused until the user allows it, then streams through the openai SDK; keys never reach it', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url, pageServer.port);
  pageServer.serveScript('/openai.js', await openAiForBrowser());
  const url = pageServer.serve(PAGE);
  const page = await extension.context.newPage();
  await page.goto(url);
  expect(await page.evaluate(() => typeof (window as { switchyard?: unknown }).switchyard)).toBe('object');

  const before = mock.requests.length;
  expect(await attempt(page, 'Hello?')).toMatch(/^ERROR 403 .*asks to use your models through Switchyard/);
  expect(mock.requests.length).toBe(before);

  await decideInPopup(extension, new URL(url).origin, 'Allow once');
  mock.script('openai', { text: 'Hello from your own model, via Switchyard.' });
  expect(await attempt(page, 'Hello?')).toBe('Hello from your own model, via Switchyard.');
  expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);

  // A long answer arrives whole, in far fewer window messages than chunks: once it shows, a frame's worth each.
  const long = Array.from({ length: 150 }, (_, i) => `w${i} `).join('');
  mock.script('openai', { text: long, chunkDelayMs: 2 });
  const streamed = await page.evaluate(async () => {
    const seen = { frames: 0 };
    const listener = (event: MessageEvent) => void ((event.data as { dir?: string } | null)?.dir === 'to-page' && seen.frames++);
    window.addEventListener('message', listener);
    const text = await (window as unknown as { askWithSdk(q: string): Promise<string> }).askWithSdk('A long answer?');
    window.removeEventListener('message', listener);
    return { text, frames: seen.frames };
  });
  expect(streamed.text).toBe(long);
  expect(streamed.frames).toBeLessThan(100);

  const options = await extension.open('options');
  const rows = await call<{ rows: { source: string }[] }>(options, 'ledger.list', { filter: { source: 'page-api' } });
  expect(rows.data!.rows.length).toBeGreaterThanOrEqual(1);

  // Search everything the page can reach for the key.
  const leaked = await page.evaluate((key) => {
    const seen = new Set<unknown>();
    const queue: unknown[] = [window];
    let visited = 0;
    while (queue.length && visited < 200_000) {
      const value = queue.shift();
      visited++;
      if (typeof value === 'string') {
        if (value.includes(key)) return true;
        continue;
      }
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
      seen.add(value);
      let names: string[];
      try {
        names = Object.getOwnPropertyNames(value);
      } catch {
        continue;
      }
      for (const name of names) {
        try {
          queue.push((value as Record<string, unknown>)[name]);
        } catch {
          // getters that throw
        }
      }
    }
    return document.documentElement.outerHTML.includes(key) || localStorage.length > 0 && JSON.stringify(localStorage).includes(key);
  }, KEY);
  expect(leaked).toBe(false);
});

test('a denied origin gets a clear error, and the options page lists it', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url, pageServer.port);
  pageServer.serveScript('/openai.js', await openAiForBrowser());
  const path = '/denied.html';
  pageServer.serve(PAGE, path);
  const url = `http://localhost:${pageServer.port}${path}`;
  const page = await extension.context.newPage();
  await page.goto(url);
  expect(await attempt(page, 'hi')).toMatch(/^ERROR 403/);
  await decideInPopup(extension, 'http://localhost', 'Deny');
  const before = mock.requests.length;
  expect(await attempt(page, 'hi')).toMatch(/^ERROR 403 .*declined to let http:\/\/localhost:\d+ use Switchyard/);
  expect(mock.requests.length).toBe(before);

  const options = await extension.open('options');
  await options.goto(options.url().replace(/#.*$/, '') + '#pages');
  await options.reload();
  await expect(options.getByTestId('page-permissions')).toContainText(`http://localhost:${pageServer.port}`);
  await expect(options.getByTestId('page-permissions')).toContainText('denied');
  await options.screenshot({ path: screenshotPath('options-web-pages') });
});

const SEARCH_PAGE = `<!doctype html><title>A site that indexes its articles</title>
<script src="/openai.js"></script>
<script>
  window.embedWithSdk = async (texts) => {
    const client = new OpenAIBundle.OpenAI({ baseURL: 'https://switchyard.invalid/v1', apiKey: 'not-needed', dangerouslyAllowBrowser: true, maxRetries: 0, fetch: window.switchyard.fetch });
    const result = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: texts });
    return result.data.map((d) => d.embedding);
  };
</script><p>Articles</p>`;

test('a page embeds texts through the openai SDK and window.switchyard.embeddings, once allowed; priced in the ledger as page-api', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url, pageServer.port);
  pageServer.serveScript('/openai.js', await openAiForBrowser());
  const url = pageServer.serve(SEARCH_PAGE);
  const page = await extension.context.newPage();
  await page.goto(url);
  const embed = (texts: string[]) =>
    page.evaluate((t) => (window as unknown as { embedWithSdk(t: string[]): Promise<number[][]> }).embedWithSdk(t).catch((e: Error) => `ERROR ${e.message}`), texts);

  const before = mock.requests.length;
  expect(await embed(['first article'])).toMatch(/^ERROR 403/);
  expect(mock.requests.length).toBe(before);
  await decideInPopup(extension, new URL(url).origin, 'Always allow');

  // The SDK asks for base64 and decodes it: the floats are the provider's.
  const vectors = (await embed(['first article', 'second article'])) as number[][];
  expect(vectors.map((v) => v.length)).toEqual([1536, 1536]);
  mockVector('second article', 1536).forEach((value, i) => expect(vectors[1]![i]).toBeCloseTo(value, 6));
  expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);

  const direct = await page.evaluate(() =>
    (window as unknown as { switchyard: { embeddings: { create(b: unknown): Promise<{ data: { embedding: number[] }[]; model: string }> } } }).switchyard.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: 'a query',
      dimensions: 64,
      encoding_format: 'float',
    }),
  );
  expect(direct.model).toBe('openai/text-embedding-3-small');
  expect(direct.data[0]!.embedding).toHaveLength(64);

  const options = await extension.open('options');
  const rows = await call<{ rows: { source: string; endpoint?: string; status: string; cost: number }[] }>(options, 'ledger.list', { filter: { source: 'page-api' } });
  const embeddings = rows.data!.rows.filter((r) => r.endpoint === 'embeddings');
  // The refused first try never reached the gateway (as for chat): two requests, two rows.
  expect(embeddings.map((r) => r.status)).toEqual(['ok', 'ok']);
  expect(embeddings.every((r) => r.cost > 0)).toBe(true);
  await options.goto(options.url().replace(/#.*$/, '') + '#models');
  await options.reload();
  await expect(options.getByTestId('embedding-models-table')).toContainText('Text Embedding 3 Small');
  await options.getByTestId('embedding-models-table').screenshot({ path: screenshotPath('options-embedding-models') });
});

const RESPONSES_PAGE = `<!doctype html><title>A site with an assistant</title>
<script src="/openai.js"></script>
<script>
  const client = () => new OpenAIBundle.OpenAI({ baseURL: 'https://switchyard.invalid/v1', apiKey: 'not-needed', dangerouslyAllowBrowser: true, maxRetries: 0, fetch: window.switchyard.fetch });
  window.converse = async () => {
    const first = await client().responses.create({ model: 'openai/gpt-4o-mini', input: 'Which platform does the 9:15 leave from?' });
    let streamed = '';
    const stream = await client().responses.create({ model: 'openai/gpt-4o-mini', input: 'And when does it arrive?', previous_response_id: first.id, stream: true });
    for await (const event of stream) if (event.type === 'response.output_text.delta') streamed += event.delta;
    const items = await client().responses.inputItems.list(first.id);
    return { id: first.id, firstText: first.output_text, streamed, firstInput: items.data[0].content[0].text };
  };
  window.peek = (id) => client().responses.retrieve(id).then((r) => r.output_text, (e) => 'ERROR ' + e.status + ' ' + e.message);
</script><p>Trains</p>`;

test('a page holds a conversation through the Responses API; its stored responses are its own', async ({ extension, mock, pageServer }) => {
  await setUp(extension, mock.url, pageServer.port);
  pageServer.serveScript('/openai.js', await openAiForBrowser());
  const url = pageServer.serve(RESPONSES_PAGE, '/assistant.html');
  const page = await extension.context.newPage();
  await page.goto(url);
  await page.evaluate(() => (window as unknown as { switchyard: { requestAccess(): Promise<string> } }).switchyard.requestAccess());
  await decideInPopup(extension, new URL(url).origin, 'Always allow');

  mock.script('openai', { text: 'Platform 4.' }, { text: 'It arrives at 10:02.' });
  const talk = await page.evaluate(() => (window as unknown as { converse(): Promise<{ id: string; firstText: string; streamed: string; firstInput: string }> }).converse());
  expect(talk).toMatchObject({ firstText: 'Platform 4.', streamed: 'It arrives at 10:02.', firstInput: 'Which platform does the 9:15 leave from?' });
  // The second turn was answered from the first, kept in the extension: the provider got both.
  expect(JSON.stringify(mock.requests.at(-1)!.body)).toContain('Platform 4.');
  expect(await page.evaluate((id) => (window as unknown as { peek(id: string): Promise<string> }).peek(id), talk.id)).toBe('Platform 4.');

  // Another site, even one the user allowed too, cannot read it.
  const other = await extension.context.newPage();
  await other.goto(`http://localhost:${pageServer.port}/assistant.html`);
  await other.evaluate(() => (window as unknown as { switchyard: { requestAccess(): Promise<string> } }).switchyard.requestAccess());
  await decideInPopup(extension, 'http://localhost', 'Always allow');
  expect(await other.evaluate((id) => (window as unknown as { peek(id: string): Promise<string> }).peek(id), talk.id)).toMatch(/^ERROR 404 .*No response with id/);

  const options = await extension.open('options');
  const rows = await call<{ rows: { source: string; endpoint?: string; status: string }[] }>(options, 'ledger.list', { filter: { source: 'page-api' } });
  expect(rows.data!.rows.filter((r) => r.endpoint === 'responses').map((r) => r.status)).toEqual(['ok', 'ok']);
});
