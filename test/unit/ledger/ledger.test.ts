import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsv } from '../../../lib/ledger/csv';
import { LedgerDb } from '../../../lib/ledger/db';
import { openLedger, type WorkerLedger } from '../../../lib/ledger/worker-db';
import { LEDGER_VERSIONS, parseStore } from '../../../lib/ledger/schema';
import { dashboardSummary } from '../../../lib/ledger/summary';
import { beginRequest, listRequests, progressRequest, recordRequest, recordRequests, settleInterrupted, spentBetween, totalsBy } from '../../../lib/ledger/ledger';
import { usageRecord } from '../../support/records';

let db: LedgerDb;
let ledger: WorkerLedger;
let name: string;
beforeEach(async () => {
  name = `ledger-${Math.random()}`;
  // The worker writes through idb; the pages' Dexie reads the same database.
  ledger = await openLedger(name);
  db = new LedgerDb(name);
});
afterEach(async () => {
  ledger.close();
  db.close();
  await Dexie.delete(name);
});

describe('the ledger', () => {
  it('keeps one row per request and daily totals that match the rows to the cent', async () => {
    const day1 = Date.parse('2026-11-24T09:00:00');
    const day2 = Date.parse('2026-11-25T09:00:00');
    await recordRequest(ledger, usageRecord({ startedAt: day1, cost: 0.01 }));
    await recordRequest(ledger, usageRecord({ startedAt: day2, cost: 0.02, provider: 'openai', model: 'openai/gpt-4o' }));
    const failed = usageRecord({
      startedAt: day2 + 1,
      cost: 0,
      status: 'error',
      attempts: [
        { provider: 'anthropic', model: 'claude-sonnet-4-5', status: 'error', httpStatus: 503, ms: 10 },
        { provider: 'openai', model: 'gpt-4o', status: 'error', httpStatus: 503, ms: 10 },
      ],
    });
    await recordRequest(ledger, failed);
    await recordRequest(ledger, failed);

    expect(await db.requests.count()).toBe(3);
    expect(await spentBetween(ledger, '2026-11-24', '2026-11-25')).toBe(0.03);
    expect(await spentBetween(ledger, '2026-11-25', '2026-11-25')).toBe(0.02);
    expect(await spentBetween(ledger, '2026-11-01', '2026-11-30', 'anthropic')).toBe(0.01);
    const byProvider = await totalsBy(ledger, 'provider', '2026-11-25', '2026-11-25');
    expect(byProvider.map((t) => [t.value, t.requests, t.errors, t.fallbacks])).toEqual(
      expect.arrayContaining([
        ['openai', 1, 0, 0],
        ['anthropic', 1, 1, 1],
      ]),
    );
  });

  it('counts web searches and their fees apart, in the totals, the dashboard and the CSV (and in the spend)', async () => {
    const at = Date.parse('2026-11-24T09:00:00');
    const searched = (cost: number, searches: number, searchCost: number) =>
      usageRecord({ startedAt: at, cost, searchCost, usage: { prompt: 100, completion: 50, cached: 0, cacheWrite: 0, reasoning: 0, searches } });
    await recordRequest(ledger, searched(0.012, 1, 0.01));
    await recordRequest(ledger, searched(0.023, 2, 0.02));
    await recordRequest(ledger, usageRecord({ startedAt: at, cost: 0.005 }));
    const summary = await dashboardSummary(ledger, '2026-11-24', '2026-11-24');
    expect(summary.overall).toMatchObject({ requests: 3, cost: 0.04, webSearches: 3, searchCost: 0.03 });
    expect(summary.byModel.reduce((n, m) => n + m.webSearches, 0)).toBe(3);
    const [header, ...lines] = (await (await exportCsv(db)).text()).trim().split('\n');
    const columns = header!.split(',');
    const searches = lines.map((line) => line.split(',')[columns.indexOf('web_searches')]).sort();
    expect(searches).toEqual(['0', '1', '2']);
    expect(lines.map((line) => line.split(',')[columns.indexOf('search_cost_usd')]).sort()).toEqual(['0.00000000', '0.01000000', '0.02000000']);
  });

  it('writes many requests at once with the same totals as one by one', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => usageRecord({ startedAt: Date.parse('2026-11-20T10:00:00') + i * 3_600_000, cost: 0.001 * (i % 7), provider: i % 2 ? 'groq' : 'openai' }));
    await recordRequests(ledger, records.slice(0, 400));
    await recordRequests(ledger, records.slice(300));
    expect(await db.requests.count()).toBe(1000);
    const expected = Math.round(records.reduce((sum, r) => sum + r.cost, 0) * 1e8) / 1e8;
    expect(await spentBetween(ledger, '2026-01-01', '2027-12-31')).toBe(expected);
    const groq = Math.round(records.filter((r) => r.provider === 'groq').reduce((sum, r) => sum + r.cost, 0) * 1e8) / 1e8;
    expect(await spentBetween(ledger, '2026-01-01', '2027-12-31', 'groq')).toBe(groq);
  });

  it('pages through requests newest first, filtered', async () => {
    for (let i = 0; i < 30; i++) {
      await recordRequest(ledger, usageRecord({ startedAt: 1_000 + i, provider: i % 3 === 0 ? 'groq' : 'anthropic', status: i % 10 === 0 ? 'error' : 'ok' }));
    }
    const first = await listRequests(ledger, {}, 0, 10);
    expect(first.rows.map((r) => r.startedAt)).toEqual(Array.from({ length: 10 }, (_, i) => 1_029 - i));
    expect(first.hasMore).toBe(true);
    const last = await listRequests(ledger, {}, 2, 10);
    expect(last.hasMore).toBe(false);
    const groq = await listRequests(ledger, { provider: 'groq' }, 0, 100);
    expect(groq.rows).toHaveLength(10);
    const errors = await listRequests(ledger, { status: 'error', from: 1_005 }, 0, 100);
    expect(errors.rows.map((r) => r.startedAt)).toEqual([1_020, 1_010]);
  });

  it('exports CSV with quoting, and defuses spreadsheet formulas', async () => {
    await recordRequest(
      ledger,
      usageRecord({
        requestedModel: '=HYPERLINK("http://evil")',
        status: 'error',
        error: { status: 502, code: 'provider_error', message: 'anthropic (HTTP 500): "boom", then\nmore' },
      }),
    );
    const csv = await (await exportCsv(db)).text();
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toMatch(/^id,started_at,source,status,requested_model,model,provider,/);
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('"anthropic (HTTP 500): ""boom"", then\nmore"');
    expect(line).toContain('anthropic/claude-sonnet-4-5:ok');
  });

  it.each(LEDGER_VERSIONS.slice(0, -1).map((v) => v.version))('a version-%i database is brought to the latest, its requests and conversations kept', async (version) => {
    const oldName = `ledger-v${version}-${Math.random()}`;
    const old = new Dexie(oldName);
    for (const declared of LEDGER_VERSIONS.filter((v) => v.version <= version)) old.version(declared.version).stores(declared.stores);
    const { toRow } = await import('../../../lib/ledger/ledger');
    const row = toRow(usageRecord({ startedAt: Date.parse('2026-11-21T09:00:00'), cost: 0.4 }));
    await old.table('requests').add(row);
    // From version 2 on, a request was written with its daily totals.
    if (version >= 2) await old.table('daily').bulkPut((await import('../../../lib/ledger/totals')).dailyTotalsOf([row]));
    await old.table('conversations').add({ id: 'conv_kept', title: 'Kept', mode: 'chat', createdAt: 1, updatedAt: 2 });
    old.close();
    const pages = new LedgerDb(oldName);
    await pages.open();
    expect(pages.verno).toBe(LEDGER_VERSIONS.at(-1)!.version);
    expect(await pages.requests.count()).toBe(1);
    expect((await pages.conversations.get('conv_kept'))?.title).toBe('Kept');
    pages.close();
    const worker = await openLedger(oldName);
    expect(await spentBetween(worker, '2026-11-21', '2026-11-21')).toBe(0.4);
    worker.close();
    await Dexie.delete(oldName);
  });

  it.each(['the pages (Dexie)', 'the worker (idb)'])('a version-1 database opened first by %s is migrated, its daily totals built from its rows', async (opener) => {
    const oldName = `ledger-v1-${Math.random()}`;
    const v1 = new Dexie(oldName);
    v1.version(1).stores(LEDGER_VERSIONS[0]!.stores);
    const { toRow } = await import('../../../lib/ledger/ledger');
    await v1.table('requests').bulkAdd([
      toRow(usageRecord({ startedAt: Date.parse('2026-11-20T12:00:00'), cost: 0.5 })),
      toRow(usageRecord({ startedAt: Date.parse('2026-11-20T13:00:00'), cost: 0.25 })),
    ]);
    v1.close();
    if (opener.includes('Dexie')) new LedgerDb(oldName).close();
    const upgraded = await openLedger(oldName);
    expect(upgraded.version).toBe(LEDGER_VERSIONS.at(-1)!.version * 10);
    expect(await spentBetween(upgraded, '2026-11-20', '2026-11-20')).toBe(0.75);
    upgraded.close();
    await Dexie.delete(oldName);
  });

  it('a database the worker created is, for the pages’ Dexie, the schema it declares', async () => {
    const fresh = `ledger-fresh-${Math.random()}`;
    (await openLedger(fresh)).close();
    const pages = new LedgerDb(fresh);
    await pages.open();
    expect(pages.verno).toBe(LEDGER_VERSIONS.at(-1)!.version);
    // Each store as its latest version declares it.
    const latest = Object.assign({}, ...LEDGER_VERSIONS.map((v) => v.stores)) as Record<string, string>;
    for (const [table, schema] of Object.entries(latest)) {
      const declared = parseStore(schema);
      const actual = pages.table(table).schema;
      expect(actual.primKey.keyPath).toEqual(declared.keyPath);
      expect(actual.primKey.auto).toBe(declared.autoIncrement);
      expect(actual.indexes.map((i) => i.name).sort()).toEqual(declared.indexes.map((i) => i.name).sort());
      expect(actual.indexes.filter((i) => i.multi).map((i) => i.name)).toEqual(declared.indexes.filter((i) => i.multiEntry).map((i) => i.name));
    }
    await pages.messages.add({ id: 'm1', conversationId: 'c1', role: 'user', content: 'hi', createdAt: 1 });
    expect(await pages.messages.where('[conversationId+createdAt]').between(['c1', 0], ['c1', 9]).count()).toBe(1);
    pages.close();
    await Dexie.delete(fresh);
  });
});

describe('the write-ahead ledger', () => {
  const day = '2026-11-25';
  const started = usageRecord({ id: 'chatcmpl-wal', status: 'in_progress', cost: 0.0005, usage: { prompt: 100, completion: 0, cached: 0, cacheWrite: 0, reasoning: 0 }, attempts: [] });

  it('a request is on record before it is sent, counted in no total until it ends, then counted once', async () => {
    await beginRequest(ledger, started, 0.25, started.startedAt);
    expect(await db.requests.get('chatcmpl-wal')).toMatchObject({ status: 'in_progress', hold: 0.25 });
    expect(await spentBetween(ledger, day, day)).toBe(0);

    await progressRequest(ledger, { ...started, cost: 0.002, usage: { ...started.usage, completion: 50 } }, started.startedAt + 1000);
    expect(await db.requests.get('chatcmpl-wal')).toMatchObject({ status: 'in_progress', hold: 0.25, completionTokens: 50, cost: 0.002 });

    await recordRequest(ledger, usageRecord({ id: 'chatcmpl-wal', startedAt: started.startedAt, cost: 0.004 }));
    await recordRequest(ledger, usageRecord({ id: 'chatcmpl-wal', startedAt: started.startedAt, cost: 0.004 }));
    // Progress that arrives after the end changes nothing.
    await progressRequest(ledger, { ...started, cost: 0.003 });
    expect(await db.requests.count()).toBe(1);
    expect(await db.requests.get('chatcmpl-wal')).toMatchObject({ status: 'ok', cost: 0.004 });
    expect((await db.requests.get('chatcmpl-wal'))!.hold).toBeUndefined();
    expect(await spentBetween(ledger, day, day)).toBe(0.004);
  });

  it('rows left in progress by a stopped worker become interrupted, with the cost known so far, and count in the totals once', async () => {
    await beginRequest(ledger, started, 0.25, started.startedAt);
    await progressRequest(ledger, { ...started, cost: 0.0031, usage: { ...started.usage, completion: 120 }, usageEstimated: true }, started.startedAt + 4000);

    const settled = await settleInterrupted(ledger);
    expect(settled).toHaveLength(1);
    const row = (await db.requests.get('chatcmpl-wal'))!;
    expect(row).toMatchObject({ status: 'interrupted', cost: 0.0031, completionTokens: 120, usageEstimated: true, totalMs: 4000, error: { code: 'interrupted' } });
    expect(row.hold).toBeUndefined();
    expect(await spentBetween(ledger, day, day)).toBe(0.0031);
    expect((await totalsBy(ledger, 'all', day, day))[0]).toMatchObject({ requests: 1, errors: 1 });

    // Settling again, or the old worker's late end, changes nothing.
    expect(await settleInterrupted(ledger)).toHaveLength(0);
    await recordRequest(ledger, usageRecord({ id: 'chatcmpl-wal', startedAt: started.startedAt, cost: 1 }));
    expect(await spentBetween(ledger, day, day)).toBe(0.0031);
    expect((await listRequests(ledger, { status: 'interrupted' })).rows.map((r) => r.id)).toEqual(['chatcmpl-wal']);
  });
});


describe('retention', () => {
  it('drops request rows older than the cutoff in batches, keeps rows still running, and keeps the daily totals', async () => {
    const { pruneRequests, retentionCutoff } = await import('../../../lib/ledger/retention');
    const now = Date.parse('2026-11-29T12:00:00');
    const old = Array.from({ length: 120 }, (_, i) => usageRecord({ startedAt: Date.parse('2026-03-01T10:00:00') + i, cost: 0.01 }));
    const recent = Array.from({ length: 30 }, (_, i) => usageRecord({ startedAt: Date.parse('2026-11-01T10:00:00') + i, cost: 0.01 }));
    await recordRequests(ledger, [...old, ...recent]);
    await beginRequest(ledger, usageRecord({ id: 'chatcmpl-still-running', startedAt: Date.parse('2026-02-01T10:00:00'), status: 'in_progress' }), 0.5);
    const spent = await spentBetween(ledger, '2026-01-01', '2026-12-31');

    expect(await pruneRequests(ledger, retentionCutoff(6, now), 50)).toBe(120);
    expect(await db.requests.count()).toBe(31);
    expect(await db.requests.get('chatcmpl-still-running')).toBeDefined();
    expect(await spentBetween(ledger, '2026-01-01', '2026-12-31')).toBe(spent);
    expect(new Date(retentionCutoff(6, now)).toISOString().slice(0, 10)).toBe('2026-05-29');
  });
});

describe('the requests table', () => {
  it('pages a rare filter over a long ledger newest first, whatever how far back its rows are', async () => {
    const now = Date.now();
    const records = Array.from({ length: 600 }, (_, i) =>
      usageRecord({ id: `row-${i}`, startedAt: now - i * 3_600_000 * 13, provider: i % 40 === 7 ? 'rare' : 'common', status: i % 3 ? 'ok' : 'error' }),
    );
    await recordRequests(ledger, records);
    const expected = records.filter((r) => r.provider === 'rare' && r.status === 'error').map((r) => r.id);
    const first = await listRequests(ledger, { provider: 'rare', status: 'error' }, 0, 2);
    const second = await listRequests(ledger, { provider: 'rare', status: 'error' }, 1, 2);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected.slice(0, 4));
    expect(first.hasMore).toBe(true);
    const all = await listRequests(ledger, { provider: 'rare' }, 0, 100);
    expect(all.rows.map((r) => r.id)).toEqual(records.filter((r) => r.provider === 'rare').map((r) => r.id));
    expect(all.hasMore).toBe(false);
  });

  it('a status filter with a provider reads its own index, built for rows written before it existed (v3 → v4)', async () => {
    const oldName = `ledger-v3-${Math.random()}`;
    const v3 = new Dexie(oldName);
    for (const { version, stores } of LEDGER_VERSIONS.filter((v) => v.version <= 3)) v3.version(version).stores(stores);
    const { toRow } = await import('../../../lib/ledger/ledger');
    const now = Date.now();
    const old = Array.from({ length: 200 }, (_, i) => usageRecord({ id: `old-${i}`, startedAt: now - i * 60_000, provider: i % 4 ? 'groq' : 'mistral', status: i % 10 ? 'ok' : 'error' }));
    await v3.table('requests').bulkAdd(old.map((r) => toRow(r)));
    v3.close();
    const upgraded = await openLedger(oldName);
    const errors = await listRequests(upgraded, { provider: 'mistral', status: 'error' }, 0, 50);
    expect(errors.rows.map((r) => r.id)).toEqual(old.filter((r) => r.provider === 'mistral' && r.status === 'error').map((r) => r.id));
    const groqOk = await listRequests(upgraded, { provider: 'groq', status: 'ok', source: 'sidepanel' }, 0, 500);
    expect(groqOk.rows.map((r) => r.id)).toEqual(old.filter((r) => r.provider === 'groq' && r.status === 'ok' && r.source === 'sidepanel').map((r) => r.id));
    upgraded.close();
    await Dexie.delete(oldName);
  });

  it('keeps only the rows that match every filter, in time order across windows', async () => {
    const now = Date.now();
    const records = Array.from({ length: 300 }, (_, i) =>
      usageRecord({ id: `mix-${i}`, startedAt: now - i * 3_600_000 * 5, provider: i % 2 ? 'a' : 'b', model: i % 3 ? 'm1' : 'm2', source: i % 5 ? 'sidepanel' : 'compare' }),
    );
    await recordRequests(ledger, records);
    const expected = records.filter((r) => r.provider === 'a' && r.model === 'm2' && r.source === 'compare').map((r) => r.id);
    expect(expected.length).toBeGreaterThan(5);
    const pages = [0, 1, 2].map((p) => listRequests(ledger, { provider: 'a', model: 'm2', source: 'compare' }, p, 3));
    const rows = (await Promise.all(pages)).flatMap((p) => p.rows.map((r) => r.id));
    expect(rows).toEqual(expected.slice(0, 9));
    expect((await listRequests(ledger, { provider: 'a', model: 'm2', source: 'compare' }, 0, 100)).rows.map((r) => r.id)).toEqual(expected);
  });
});
