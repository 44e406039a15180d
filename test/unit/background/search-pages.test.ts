import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { DOMParser } from 'linkedom';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../lib/background/service';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import type { PageReader } from '../../../lib/gateway/search-providers';
import { ledgerConnection } from '../../../lib/ledger/worker-db';
import { readHtml } from '../../../lib/page/read-html';
import { MemoryKeyStore } from '../../../lib/platform/device-key';
import { MemoryStore } from '../../../lib/platform/key-value-store';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
const dbName = `search-pages-${Math.random()}`;
const connect = ledgerConnection(dbName);
afterEach(async () => {
  (await connect()).close();
  await Dexie.delete(dbName);
});

const reader: PageReader = async (html) => readHtml(html, new DOMParser() as unknown as globalThis.DOMParser);

describe('search result pages read by the background', () => {
  it('only when the user turned reading on and the browser grants access to every site; the gateway is built again when access changes', async () => {
    let access = true;
    const svc = createBackgroundService({
      local: new MemoryStore(),
      session: new MemoryStore(),
      deviceKeys: new MemoryKeyStore(),
      db: connect,
      fetch,
      version: '0.0.0-test',
      bundledCatalog: async () => BUNDLED_CATALOG,
      searchPageReader: async () => (access ? reader : undefined),
    });
    await svc.calls['providers.save']({ settings: { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') } });
    await svc.calls['search.save']({ service: { kind: 'tavily', baseUrl: `${mock.url}/t/pages/tavily` }, apiKey: 'tvly-test' });
    const ask = async () => {
      mock.script('ollama', { text: 'It is 57.1 km long [1].' });
      for await (const _chunk of svc.chat({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'How long is the Gotthard Base Tunnel?' }], web_search_options: {} }, 'sidepanel', new AbortController().signal));
      return JSON.stringify(mock.requests.at(-1)!.body);
    };
    // Off by default: the service's snippets.
    expect(await ask()).not.toContain('2,300 m of rock');
    expect((await svc.calls['search.get']())?.readPages).toBeUndefined();

    await svc.calls['search.save']({ service: { kind: 'tavily', baseUrl: `${mock.url}/t/pages/tavily`, readPages: true } });
    expect((await svc.calls['search.get']())?.readPages).toBe(true);
    expect(await ask()).toContain('2,300 m of rock');

    // Access taken back in the browser: snippets again, without a failed fetch per page.
    access = false;
    svc.accessChanged();
    mock.reset();
    expect(await ask()).not.toContain('2,300 m of rock');
    expect(mock.requests.filter((r) => r.target === 'web')).toEqual([]);
    await svc.settled();
  });
});
