import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService, type BackgroundService } from '../../../lib/background/service';
import { dayOf } from '../../../lib/ledger/days';
import { LedgerDb } from '../../../lib/ledger/db';
import { ledgerConnection, type WorkerLedger } from '../../../lib/ledger/worker-db';
import { MemoryStore } from '../../../lib/platform/key-value-store';
import { MemoryKeyStore } from '../../../lib/platform/device-key';
import { LMSTUDIO_MODELS, OPENAI_MODELS } from '../../mock-provider/openai';
import { startMockProvider, type MockProvider } from '../../mock-provider/server';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';

const bundledCatalog = async () => BUNDLED_CATALOG;

let mock: MockProvider;
let db: LedgerDb;
/** The worker's connection (idb); `db` is the pages' view of the same database. */
let connect: () => Promise<WorkerLedger>;
let dbName: string;
let local: MemoryStore;
let session: MemoryStore;
let deviceKeys: MemoryKeyStore;

beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  dbName = `svc-${Math.random()}`;
  db = new LedgerDb(dbName);
  connect = ledgerConnection(dbName);
  local = new MemoryStore();
  session = new MemoryStore();
  deviceKeys = new MemoryKeyStore();
});
afterEach(async () => {
  (await connect()).close();
  db.close();
  await Dexie.delete(dbName);
});

function service(): BackgroundService {
  return createBackgroundService({ local, session, deviceKeys, db: connect, fetch, version: '0.0.0-test', bundledCatalog });
}

async function configure(svc: BackgroundService) {
  await svc.calls['providers.save']({ settings: { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', preset: 'anthropic', baseUrl: mock.baseUrl('anthropic') }, apiKey: 'sk-ant-1' });
  await svc.calls['providers.save']({ settings: { id: 'openai', name: 'OpenAI', kind: 'openai', preset: 'openai', baseUrl: mock.baseUrl('openai') }, apiKey: 'sk-oai-1' });
  await svc.calls['providers.save']({ settings: { id: 'ollama', name: 'Ollama', kind: 'ollama', preset: 'ollama', baseUrl: mock.baseUrl('ollama') } });
}

async function run(svc: BackgroundService, body: Record<string, unknown>, abortAfterChunks?: number): Promise<'ok' | 'error' | 'aborted'> {
  const controller = new AbortController();
  let chunks = 0;
  try {
    for await (const _chunk of svc.chat(body, 'sidepanel', controller.signal)) {
      if (abortAfterChunks !== undefined && ++chunks >= abortAfterChunks) controller.abort();
    }
    return 'ok';
  } catch {
    return controller.signal.aborted ? 'aborted' : 'error';
  }
}

describe('the background service', () => {
  it('after 50 mixed requests, the ledger holds exactly 50 rows whose costs add up to the budget’s spent total', async () => {
    const svc = service();
    await configure(svc);
    await svc.calls['budgets.save']({ global: { daily: 1000, monthly: 10_000 }, providers: {}, warnAt: 0.8 });
    const models = ['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini', 'ollama/llama3.2', 'google/gemini-2.5-flash'];
    const outcomes: string[] = [];
    const batch = async (from: number) => {
      const jobs = [];
      for (let i = from; i < from + 10; i++) {
        const model = models[i % models.length]!;
        if (i % 5 === 1) mock.script(model.startsWith('openai') ? 'openai' : 'anthropic', { fault: { type: 'status', status: 400, message: 'bad' }, model: model.split('/')[1] });
        if (i % 7 === 2) mock.script('anthropic', { text: 'x '.repeat(200), chunkDelayMs: 5, model: 'claude-sonnet-4-5' });
        jobs.push(run(svc, { model, messages: [{ role: 'user', content: `question ${i}` }], max_tokens: 100 }, i % 7 === 2 ? 3 : undefined));
      }
      outcomes.push(...(await Promise.all(jobs)));
    };
    for (let from = 0; from < 50; from += 10) await batch(from);
    await svc.settled();

    expect(outcomes).toHaveLength(50);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(20);
    expect(outcomes).toContain('error');
    expect(outcomes).toContain('aborted');
    expect(await db.requests.count()).toBe(50);
    const rows = await db.requests.toArray();
    const sum = Math.round(rows.reduce((total, r) => total + r.cost, 0) * 1e8) / 1e8;
    const today = dayOf(Date.now());
    expect((await svc.calls['ledger.spent']({ from: today, to: today })).cost).toBe(sum);
    const status = await svc.calls['budgets.status']();
    expect(status[0]).toMatchObject({ period: 'daily', spent: sum, reserved: 0 });
    expect(sum).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ok', 'error', 'aborted']));
  });

  it('applies budgets and routing saved after the first request, whether saved through it or written by another context', async () => {
    const svc = service();
    await configure(svc);
    const ask = () => run(svc, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100 });
    expect(await ask()).toBe('ok');
    await svc.calls['budgets.save']({ global: { daily: 0.000001 }, providers: {}, warnAt: 0.8 });
    expect(await ask()).toBe('error');
    // Another context (an older page, a restore) writes storage itself: the browser reports the change.
    await local.set('budgets', { global: {}, providers: {}, warnAt: 0.8 });
    svc.localChanged(['budgets']);
    expect(await ask()).toBe('ok');
    const routing = await svc.calls['routing.get']();
    await local.set('routing', { ...routing, retry: { ...routing.retry, maxRetries: 1 } });
    svc.localChanged(['routing']);
    expect((await svc.calls['routing.get']()).retry.maxRetries).toBe(1);
    await svc.settled();
    expect(await db.requests.count()).toBe(3);
  });

  it('keeps health across a service worker restart, and a paused model is still tried when nothing else can answer', async () => {
    const first = service();
    await configure(first);
    for (let i = 0; i < 3; i++) {
      mock.script('anthropic', { fault: { type: 'status', status: 503 }, times: 3 });
      await run(first, { model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    }
    await first.settled();
    expect(first.health.get('anthropic', 'claude-sonnet-4-5')?.circuit).toBe('open');
    // The host answered every time: only the model is paused.
    expect(first.health.get('anthropic')?.circuit).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const restarted = service();
    const status = await restarted.calls['health.status']();
    expect(status.find((h) => h.provider === 'anthropic')).toMatchObject({
      circuit: 'closed',
      models: [expect.objectContaining({ model: 'claude-sonnet-4-5', circuit: 'open' })],
    });
    mock.reset();
    mock.script('anthropic', { fault: { type: 'status', status: 503 } });
    expect(await run(restarted, { model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] })).toBe('error');
    await restarted.settled();
    const last = (await db.requests.orderBy('startedAt').last())!;
    expect(last.attempts.map((a) => `${a.status}:${a.code}`)).toEqual(['skipped:circuit_open', 'error:provider_overloaded']);
    expect(mock.requests).toHaveLength(1);
    expect(last.route).toContain('every candidate was paused');
    expect(restarted.health.get('anthropic', 'claude-sonnet-4-5')?.circuit).toBe('open');
  });

  it('a worker stopped mid-stream leaves exactly one row, settled as interrupted with a cost that the budget counts', async () => {
    const first = service();
    await configure(first);
    await first.calls['budgets.save']({ global: { daily: 10 }, providers: {}, warnAt: 0.8 });
    mock.script('anthropic', { text: 'word '.repeat(400), chunkDelayMs: 20 });
    const stream = first.chat({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'tell me a long story' }] }, 'sidepanel', new AbortController().signal)[
      Symbol.asyncIterator
    ]();
    for (let i = 0; i < 3; i++) await stream.next();
    await first.settled();
    const running = (await db.requests.toArray())[0]!;
    expect(running).toMatchObject({ status: 'in_progress', provider: 'anthropic', model: 'anthropic/claude-sonnet-4-5' });
    expect(running.hold).toBeGreaterThan(0);
    expect(running.cost).toBeGreaterThan(0);

    // The worker is gone (its stream is never read again); a new one starts on the same database.
    const restarted = service();
    const caps = await restarted.calls['budgets.status']();
    const rows = await db.requests.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: running.id, status: 'interrupted', usageEstimated: true, error: { code: 'interrupted' } });
    expect(rows[0]!.cost).toBeGreaterThanOrEqual(running.cost);
    expect(caps[0]!.spent).toBe(rows[0]!.cost);
    await stream.return?.();
  });

  it('a new worker’s first request, sent while it settles the last one’s rows, is neither settled nor lost', async () => {
    const first = service();
    await configure(first);
    mock.script('anthropic', { text: 'word '.repeat(400), chunkDelayMs: 20 });
    const stream = first.chat({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'a long story' }] }, 'sidepanel', new AbortController().signal)[
      Symbol.asyncIterator
    ]();
    for (let i = 0; i < 3; i++) await stream.next();
    await first.settled();
    const left = (await db.requests.toArray())[0]!;

    // Nothing awaited before the request: start() and the chat race as on a cold worker.
    mock.script('openai', { text: 'hello again' });
    const restarted = service();
    void restarted.start();
    expect(await run(restarted, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).toBe('ok');
    await restarted.settled();
    const rows = await db.requests.toArray();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === left.id)).toMatchObject({ status: 'interrupted' });
    expect(rows.find((r) => r.id !== left.id)).toMatchObject({ status: 'ok', provider: 'openai' });
    await stream.return?.();
  });

  it('the page API answers only on sites where the user turned it on, and registers its scripts there alone', async () => {
    const applied: unknown[] = [];
    const svc = createBackgroundService({
      local,
      session,
      deviceKeys,
      db: connect,
      fetch,
      version: 't',
      bundledCatalog,
      pageScripts: { apply: async (p) => void applied.push(p), tabUrl: async () => 'https://example.com/a', injectTab: async () => undefined },
    });
    await configure(svc);
    const ask = async (origin: string) => {
      try {
        for await (const frame of svc.pageRequest(origin, 1, 'access', {}, new AbortController().signal)) return frame;
      } catch (error) {
        return error;
      }
    };
    expect(await svc.calls['pageApi.presence']()).toEqual({ mode: 'off', sites: [] });
    expect(await ask('https://example.com')).toMatchObject({ code: 'page_api_off' });
    await expect(svc.calls['pageApi.injectTab']({ tabId: 1 })).rejects.toMatchObject({ code: 'page_api_off' });

    await svc.calls['pageApi.setPresence']({ mode: 'sites', sites: ['https://example.com', 'https://example.com'] });
    expect(applied).toEqual([{ mode: 'sites', sites: ['https://example.com'] }]);
    expect(await ask('https://example.com')).toMatchObject({ t: 'result', data: { status: 'pending' } });
    expect(await ask('https://other.example')).toMatchObject({ code: 'page_api_off' });
    await expect(svc.calls['pageApi.injectTab']({ tabId: 1 })).resolves.toEqual({});
    await expect(svc.calls['pageApi.setPresence']({ mode: 'sites', sites: ['javascript:alert(1)'] })).rejects.toThrow(/origins/);
  });

  it('gives an allowed page embeddings, recorded as page-api, and refuses ones over the site’s cost cap before sending', async () => {
    const svc = service();
    await configure(svc);
    const site = 'https://search.example';
    await svc.calls['pageApi.setPresence']({ mode: 'sites', sites: [site] });
    await svc.calls['pageApi.decide']({ origin: site, decision: 'always', model: null, costCap: 0.000001 });
    const embed = async (body: Record<string, unknown>) => {
      const frames = [];
      for await (const frame of svc.pageRequest(site, 1, 'embeddings', body, new AbortController().signal)) frames.push(frame);
      return frames;
    };
    const [frame] = await embed({ model: 'openai/text-embedding-3-small', input: ['a page', 'its query'], encoding_format: 'float' });
    const result = (frame as { data: { data: { embedding: number[] }[]; usage: { prompt_tokens: number } } }).data;
    expect(result.data.map((d) => d.embedding.length)).toEqual([1536, 1536]);
    await svc.settled();
    const rows = await db.requests.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'page-api', site, endpoint: 'embeddings', status: 'ok', promptTokens: result.usage.prompt_tokens });

    const sent = mock.requests.length;
    await expect(embed({ model: 'openai/text-embedding-3-large', input: 'word '.repeat(2000) })).rejects.toMatchObject({ code: 'cost_cap' });
    expect(mock.requests.length).toBe(sent);
  });

  it('says clearly when the vault is locked, and works again once unlocked', async () => {
    const svc = service();
    await configure(svc);
    await svc.calls['vault.setPassphrase']({ passphrase: 'long enough passphrase' });
    await svc.calls['vault.lock']();
    const controller = new AbortController();
    await expect(
      (async () => {
        for await (const _chunk of svc.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, 'sidepanel', controller.signal)) {
          // nothing
        }
      })(),
    ).rejects.toMatchObject({ code: 'locked', message: expect.stringContaining('Unlock it with your passphrase') });
    await svc.calls['vault.unlock']({ passphrase: 'long enough passphrase' });
    expect(await run(svc, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).toBe('ok');
  });

  it('offers a running Ollama to a new user, and then serves only the models installed on it', async () => {
    const svc = createBackgroundService({ local, session, deviceKeys, db: connect, fetch, version: 't', bundledCatalog, localServers: { ollama: mock.baseUrl('ollama'), lmstudio: 'http://127.0.0.1:9/v1' } });
    expect(await svc.calls['local.detect']()).toEqual([expect.objectContaining({ preset: 'ollama', models: ['llama3.2', 'qwen2.5-coder:7b', 'gemma3:4b', 'llama3.2:1b'] })]);
    await svc.calls['local.add']({ preset: 'ollama' });
    const models = (await svc.calls['catalog.models']()).models.filter((m) => m.providers.includes('ollama'));
    const usable = models.map((m) => m.id);
    // A model the catalog lacks comes with the window Ollama told (/api/show), and a page goes to it whole.
    expect(models.find((m) => m.id === 'ollama/llama3.2:1b')).toMatchObject({ contextLength: 131_072 });
    const page = 'The yard sorts wagons over a hump. '.repeat(2_000);
    expect(await svc.calls['context.fit']({ model: 'ollama/llama3.2:1b', text: page, reserveTokens: 10 })).toMatchObject({ text: page, trimmed: false, windowAssumed: false });
    expect(usable).toEqual(expect.arrayContaining(['meta-llama/llama-3.2-3b-instruct', 'qwen/qwen2.5-coder-7b-instruct', 'google/gemma-3-4b-it']));
    expect(usable).not.toContain('openai/gpt-oss-120b');
    expect(await svc.calls['local.detect']()).toEqual([]);
    expect(await run(svc, { model: 'meta-llama/llama-3.2-3b-instruct', messages: [{ role: 'user', content: 'hi' }] })).toBe('ok');
  });

  it('tests a provider connection by listing its models, or shows the provider’s error', async () => {
    const svc = service();
    await configure(svc);
    const { models } = await svc.calls['providers.test']({ id: 'anthropic' });
    expect(models.map((m) => m.id)).toContain('claude-sonnet-4-5');
    await svc.calls['providers.save']({ settings: { id: 'gemini', name: 'Gemini', kind: 'gemini', preset: 'google', baseUrl: mock.baseUrl('gemini') }, apiKey: 'bad-key' });
    await expect(svc.calls['providers.test']({ id: 'gemini' })).rejects.toThrow(/API key not valid/);
  });
});

describe('request details for the inspector', () => {
  it('are kept sealed for a request that fell back, with both providers’ mapped bodies and no key, and dropped when turned off', async () => {
    const svc = service();
    await configure(svc);
    mock.script('anthropic', { fault: { type: 'status', status: 529, message: 'Overloaded now' } });
    mock.script('openai', { text: 'From the fallback.' });
    expect(await run(svc, { model: 'anthropic/claude-sonnet-4-5', models: ['openai/gpt-4o-mini'], messages: [{ role: 'user', content: 'inspect me' }] })).toBe('ok');
    await svc.settled();
    const [row] = await db.requests.toArray();
    const { row: kept, details } = await svc.calls['ledger.details']({ id: row!.id });
    expect(kept?.fellBack).toBe(true);
    expect(details!.exchanges.map((e) => e && new URL(e.sent.url).pathname)).toEqual(['/anthropic/v1/messages', '/openai/v1/chat/completions']);
    expect(details!.exchanges[0]!.errorBody).toContain('Overloaded now');
    expect(details!.answer?.text).toBe('From the fallback.');
    expect(JSON.stringify(details)).not.toMatch(/sk-ant-1|sk-oai-1/);
    // At rest, sealed: the stored bytes hold none of the words.
    const stored = await (await connect()).get('details', row!.id);
    expect(new TextDecoder().decode(stored!.data)).not.toContain('inspect me');
    expect((await svc.calls['details.get']()).count).toBe(1);

    const off = await svc.calls['details.save']({ keep: false, keepDays: 30, maxMb: 200 });
    expect(off).toMatchObject({ keep: false, count: 0, dropped: 1 });
    mock.script('openai', { text: 'Not kept.' });
    expect(await run(svc, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'private' }] })).toBe('ok');
    await svc.settled();
    expect((await svc.calls['details.get']()).count).toBe(0);
  });
});

describe('Chrome’s built-in model', () => {
  it('reports its availability honestly, and is offered only when the browser can have it', async () => {
    for (const availability of ['available', 'downloadable', 'unavailable'] as const) {
      const promptApi = { availability: async () => availability, create: async () => { throw new Error('not used'); } };
      const svc = createBackgroundService({ local: new MemoryStore(), session: new MemoryStore(), deviceKeys: new MemoryKeyStore(), db: connect, fetch, version: 't', bundledCatalog, promptApi, localServers: { ollama: 'http://127.0.0.1:9', lmstudio: 'http://127.0.0.1:9/v1' } });
      expect(await svc.calls['chromeAi.status']()).toEqual({ availability });
      const offered = (await svc.calls['local.detect']()).filter((s) => s.preset === 'chrome-ai');
      expect(offered).toEqual(availability === 'unavailable' ? [] : [expect.objectContaining({ availability, models: ['gemini-nano'] })]);
    }
  });
});

describe('a custom OpenAI-compatible host', () => {
  it('has its own models listed into the catalog, so they can be picked and used', async () => {
    const svc = service();
    await svc.calls['providers.save']({ settings: { id: 'my-host', name: 'My host', kind: 'openai', baseUrl: mock.baseUrl('openai', 'lmstudio') } });
    expect((await svc.calls['catalog.models']()).models.filter((m) => m.providers.includes('my-host'))).toEqual([]);
    expect(await svc.calls['providers.sync']({ id: 'my-host' })).toMatchObject({ listed: OPENAI_MODELS.length + LMSTUDIO_MODELS.length });
    const usable = (await svc.calls['catalog.models']()).models.filter((m) => m.providers.includes('my-host')).map((m) => m.id);
    expect(usable).toContain('my-host/mock-model');
    expect(await run(svc, { model: 'my-host/mock-model', messages: [{ role: 'user', content: 'hi' }] })).toBe('ok');
  });
});

describe('a page for a model the catalog does not know', () => {
  const page = Array.from({ length: 263 }, (_, i) => `word${i}`).join(' ');

  it('goes whole, on a custom host whose /models says no window (regression: the page went out empty)', async () => {
    const svc = service();
    await svc.calls['providers.save']({ settings: { id: 'my-host', name: 'My host', kind: 'openai', baseUrl: mock.baseUrl('openai', 'lmstudio') } });
    await svc.calls['providers.sync']({ id: 'my-host' });
    for (const model of ['my-host/mock-model', 'my-host/never-listed']) {
      const fit = await svc.calls['context.fit']({ model, text: page, reserveTokens: 12 });
      expect(fit, model).toMatchObject({ text: page, trimmed: false, noRoom: false, windowAssumed: true });
    }
  });

  it("is held to the window the user set in the provider's settings, and refused when that leaves no room", async () => {
    const svc = service();
    await svc.calls['providers.save']({ settings: { id: 'my-host', name: 'My host', kind: 'openai', baseUrl: mock.baseUrl('openai', 'lmstudio'), contextWindows: { 'mock-model': 512 } } });
    await svc.calls['providers.sync']({ id: 'my-host' });
    const summary = (await svc.calls['catalog.models']()).models.find((m) => m.id === 'my-host/mock-model');
    expect(summary).toMatchObject({ contextLength: 512 });
    const fit = await svc.calls['context.fit']({ model: 'my-host/mock-model', text: page.repeat(20), reserveTokens: 12 });
    expect(fit).toMatchObject({ noRoom: true, text: '', window: 512, windowAssumed: false });
  });
});

describe('auto learning from comparison votes', () => {
  it('reads the votes only for a request that asks for auto', async () => {
    let votesRead = 0;
    const counting = async () => {
      const db = await connect();
      return new Proxy(db, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (key !== 'getAll' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return (store: string, ...rest: unknown[]) => {
            if (store === 'votes') votesRead++;
            return (value as (...a: unknown[]) => unknown).call(target, store, ...rest);
          };
        },
      });
    };
    const svc = createBackgroundService({ local, session, deviceKeys, db: counting, fetch, version: 't', bundledCatalog });
    await configure(svc);
    expect(await run(svc, { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).toBe('ok');
    expect(votesRead).toBe(0);
    expect(await run(svc, { model: 'auto', messages: [{ role: 'user', content: 'hi' }] })).toBe('ok');
    expect(await run(svc, { model: 'auto', messages: [{ role: 'user', content: 'hello' }] })).toBe('ok');
    expect(votesRead).toBe(1);
    await svc.settled();
  });

  const code = { model: 'auto', messages: [{ role: 'user', content: 'Write a Python function that reverses a string.' }] };
  const chosen = async () => (await db.requests.orderBy('startedAt').last())!.model;

  it('prefers the user’s winners for the kind once there are a few votes, and not when turned off', async () => {
    const svc = service();
    await configure(svc);
    const { vote } = await import('../../../lib/conversations/votes');
    const { createConversation } = await import('../../../lib/conversations/store');
    const castVotes = async (times: number) => {
      for (let i = 0; i < times; i++) {
        const c = await createConversation(db, { title: 'Refactor this TypeScript function', model: null, mode: 'compare', models: ['openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5'] });
        await vote(db, c.id, 'anthropic/claude-haiku-4-5', ['openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5'], { prompt: 'Refactor this TypeScript function' });
      }
      await svc.calls['votes.changed']();
    };

    expect(await run(svc, code)).toBe('ok');
    await svc.settled();
    expect(await chosen()).toBe('openai/gpt-4.1-mini');

    await castVotes(4); // automatic learning waits for five votes
    await run(svc, code);
    await svc.settled();
    expect(await chosen()).toBe('openai/gpt-4.1-mini');

    await castVotes(1);
    await run(svc, code);
    await svc.settled();
    const row = (await db.requests.orderBy('startedAt').last())!;
    expect(row.model).toBe('anthropic/claude-haiku-4-5');
    expect(row.route).toContain('your pick for code prompts');

    const routing = await svc.calls['routing.get']();
    await svc.calls['routing.save']({ ...routing, learnFromVotes: 'off' });
    await run(svc, code);
    await svc.settled();
    expect(await chosen()).toBe('openai/gpt-4.1-mini');
  });
});
