import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../../lib/gateway/record';
import { bucketOf, percentileOf, record, valueOf, type Histogram } from '../../../lib/ledger/latency-histogram';
import { beginRequest, recordRequest, recordRequests, toRow } from '../../../lib/ledger/ledger';
import { LedgerDb } from '../../../lib/ledger/db';
import { LEDGER_VERSIONS } from '../../../lib/ledger/schema';
import { countOlderSignals, signalsBackfill } from '../../../lib/ledger/signals-backfill';
import { errorKindOf } from '../../../lib/ledger/signals';
import { signalsSummary } from '../../../lib/ledger/signals-summary';
import { openLedger, type WorkerLedger } from '../../../lib/ledger/worker-db';
import { usageRecord } from '../../support/records';

let ledger: WorkerLedger;
let name: string;
beforeEach(async () => {
  name = `signals-${Math.random()}`;
  ledger = await openLedger(name);
});
afterEach(async () => {
  ledger.close();
  await Dexie.delete(name);
});

/** The nearest-rank percentile of a list, as a person would take it: sort, count, pick. */
function byHand(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

const NOW = Date.parse('2026-11-25T12:00:00');
const ok = (provider: string, model: string, ms: number): AttemptRecord => ({ provider, model, modelId: `${provider}/${model}`, status: 'ok', ms });
const failed = (provider: string, model: string, httpStatus: number, code: string, ms = 50): AttemptRecord => ({
  provider,
  model,
  modelId: `${provider}/${model}`,
  status: 'error',
  httpStatus,
  code,
  ms,
});

describe('latency histograms', () => {
  it('put a time in a bucket whose middle is within 1% of it', () => {
    for (const ms of [1, 1.7, 12, 180, 999, 4321.5, 60_000, 599_999]) {
      expect(Math.abs(valueOf(bucketOf(ms)) - ms) / ms).toBeLessThanOrEqual(0.01);
    }
    expect(valueOf(bucketOf(0))).toBe(0.5);
  });

  it('give the nearest-rank percentile of what they hold, within 1%', () => {
    const values = Array.from({ length: 997 }, (_, i) => 20 + ((i * 7919) % 5000) * 1.3);
    const histogram: Histogram = {};
    for (const v of values) record(histogram, v);
    for (const p of [1, 50, 90, 95, 99, 100]) {
      const exact = byHand(values, p);
      expect(Math.abs(percentileOf(histogram, p)! - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    expect(percentileOf({}, 50)).toBeNull();
  });
});

describe('signals per model and provider', () => {
  it('match percentiles and rates computed by hand from seeded rows', async () => {
    // 40 answers from gpt-4o-mini, each with its own first token and total time.
    const ttfts = Array.from({ length: 40 }, (_, i) => 150 + ((i * 37) % 40) * 25);
    const totals = ttfts.map((t, i) => t + 400 + ((i * 13) % 11) * 90);
    const records = ttfts.map((ttft, i) =>
      usageRecord({
        startedAt: NOW - i * 1000,
        provider: 'openai',
        model: 'openai/gpt-4o-mini',
        attempts: [ok('openai', 'gpt-4o-mini', totals[i]!)],
        ttftMs: ttft,
        totalMs: totals[i]!,
        usage: { prompt: 500, completion: 100 + i, cached: i % 4 === 0 ? 200 : 0, cacheWrite: 0, reasoning: 0 },
      }),
    );
    // Ten more requests that tried Claude first: it was rate limited (6) or overloaded (4), and gpt-4o-mini answered.
    const fellBack = Array.from({ length: 10 }, (_, i) =>
      usageRecord({
        startedAt: NOW - 50_000 - i,
        provider: 'openai',
        model: 'openai/gpt-4o-mini',
        attempts: [i < 6 ? failed('anthropic', 'claude-sonnet-4-5', 429, 'rate_limited', 100) : failed('anthropic', 'claude-sonnet-4-5', 529, 'provider_overloaded', 100), ok('openai', 'gpt-4o-mini', 800)],
        ttftMs: 100 + 300,
        totalMs: 100 + 800,
        usage: { prompt: 500, completion: 50, cached: 0, cacheWrite: 0, reasoning: 0 },
      }),
    );
    // Two requests Claude answered, one cut off by its content filter; one failed everywhere with a timeout.
    const claude = [
      usageRecord({ startedAt: NOW - 70_000, attempts: [ok('anthropic', 'claude-sonnet-4-5', 1000)], ttftMs: 400, totalMs: 1000 }),
      usageRecord({ startedAt: NOW - 70_001, attempts: [ok('anthropic', 'claude-sonnet-4-5', 500)], ttftMs: 300, totalMs: 500, finishReason: 'content_filter' }),
      usageRecord({ startedAt: NOW - 70_002, status: 'error', attempts: [failed('anthropic', 'claude-sonnet-4-5', 504, 'provider_timeout', 30_000)], ttftMs: null, totalMs: 30_000 }),
    ];
    await recordRequests(ledger, [...records, ...fellBack]);
    for (const r of claude) await recordRequest(ledger, r);

    const summary = await signalsSummary(ledger, '2026-11-25', '2026-11-25', NOW);
    const mini = summary.byModel.find((s) => s.key === 'openai/gpt-4o-mini')!;
    // gpt-4o-mini's own times: from each of its attempts' start (after Claude's 100 ms, when it was the fallback).
    const miniTtfts = [...ttfts, ...Array(10).fill(300)];
    const miniTotals = [...totals, ...Array(10).fill(800)];
    expect(mini.attempts).toBe(50);
    expect(mini.answered).toBe(50);
    for (const [got, exact] of [
      [mini.ttftP50, byHand(miniTtfts, 50)],
      [mini.ttftP95, byHand(miniTtfts, 95)],
      [mini.totalP50, byHand(miniTotals, 50)],
      [mini.totalP95, byHand(miniTotals, 95)],
    ] as const) {
      expect(Math.abs(got! - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    const tokens = records.reduce((sum, r) => sum + r.usage.completion, 0) + 10 * 50;
    const streamingMs = totals.reduce((sum, t, i) => sum + t - ttfts[i]!, 0) + 10 * 500;
    expect(mini.tokensPerSecond).toBeCloseTo(tokens / (streamingMs / 1000), 6);
    expect(mini.errorRate).toBe(0);
    expect(mini.cacheHitRate).toBe(10 / 50);

    const sonnet = summary.byModel.find((s) => s.key === 'anthropic/claude-sonnet-4-5')!;
    expect(sonnet.attempts).toBe(13);
    expect(sonnet.answered).toBe(2);
    expect(sonnet.errors).toMatchObject({ rate_limit: 6, overloaded: 4, timeout: 1, content_filter: 1, refused_key: 0, cut_off: 0 });
    expect(sonnet.errorRate).toBe(12 / 13);
    // The ten Claude failures another model covered; the timeout had no one to fall back to.
    expect(sonnet.fallbackRate).toBe(10 / 13);

    const anthropic = summary.byProvider.find((s) => s.key === 'anthropic')!;
    expect(anthropic.attempts).toBe(13);
    expect(summary.overall.attempts).toBe(63);
    expect(summary.counting).toBe(false);
  });

  it('say what changed: a model whose p95 this week is far over its last four weeks', async () => {
    const day = 86_400_000;
    const rows = [];
    for (let i = 0; i < 60; i++) {
      // Four weeks at about 400 ms to the first token; this week about 2 s.
      rows.push(usageRecord({ startedAt: NOW - 10 * day - i * 1000, attempts: [ok('anthropic', 'claude-sonnet-4-5', 900)], ttftMs: 400, totalMs: 900 }));
      rows.push(usageRecord({ startedAt: NOW - 1 * day - i * 1000, attempts: [ok('anthropic', 'claude-sonnet-4-5', 2600)], ttftMs: 2000, totalMs: 2600 }));
      // A steady model is not named.
      rows.push(usageRecord({ startedAt: NOW - 10 * day - i * 1000, provider: 'openai', model: 'openai/gpt-4o', attempts: [ok('openai', 'gpt-4o', 700)], ttftMs: 300, totalMs: 700 }));
      rows.push(usageRecord({ startedAt: NOW - 1 * day - i * 1000, provider: 'openai', model: 'openai/gpt-4o', attempts: [ok('openai', 'gpt-4o', 720)], ttftMs: 310, totalMs: 720 }));
    }
    await recordRequests(ledger, rows);
    const { changes } = await signalsSummary(ledger, '2026-11-24', '2026-11-25', NOW);
    expect(changes.map((c) => [c.model, c.measure])).toEqual([
      ['anthropic/claude-sonnet-4-5', 'ttftP95'],
      ['anthropic/claude-sonnet-4-5', 'totalP95'],
    ]);
    expect(changes[0]!.thisWeek).toBeCloseTo(2000, -2);
    expect(changes[0]!.before).toBeCloseTo(400, -1);
  });

  it('name each error kind from the status and code a provider answered with', () => {
    expect(errorKindOf({ httpStatus: 429, code: 'rate_limited' })).toBe('rate_limit');
    expect(errorKindOf({ httpStatus: 503, code: 'provider_overloaded' })).toBe('overloaded');
    expect(errorKindOf({ httpStatus: 504, code: 'timeout' })).toBe('timeout');
    expect(errorKindOf({ httpStatus: 401, code: 'invalid_api_key' })).toBe('refused_key');
    expect(errorKindOf({ httpStatus: 502, code: 'stream_truncated' })).toBe('cut_off');
    expect(errorKindOf({ httpStatus: 400, code: 'content_filter' })).toBe('content_filter');
    expect(errorKindOf({ httpStatus: 502, code: 'provider_error' })).toBe('other');
  });
});

describe('the requests from before the signals', () => {
  it.each(['the pages (Dexie)', 'the worker (idb)'])('are counted once after an upgrade first opened by %s, in batches, with rows written meanwhile counted by their write', async (opener) => {
    const oldName = `signals-v5-${Math.random()}`;
    const v5 = new Dexie(oldName);
    for (const { version, stores } of LEDGER_VERSIONS.filter((v) => v.version <= 5)) v5.version(version).stores(stores);
    const old = Array.from({ length: 25 }, (_, i) =>
      usageRecord({ id: `old-${String(i).padStart(2, '0')}`, startedAt: NOW - i * 1000, attempts: [ok('anthropic', 'claude-sonnet-4-5', 1000 + i * 10)], ttftMs: 300, totalMs: 1000 + i * 10 }),
    );
    // Rows as the older version wrote them: without the mark of rows counted as they were written.
    const rows = old.map((r) => {
      const { signalled: _signalled, ...row } = toRow(r);
      return row;
    });
    const running = { ...rows[0]!, id: 'old-running', status: 'in_progress' as const };
    await v5.table('requests').bulkAdd([...rows, running]);
    v5.close();
    if (opener.includes('Dexie')) {
      const pages = new LedgerDb(oldName);
      await pages.open();
      pages.close();
    }
    const upgraded = await openLedger(oldName);
    expect(await signalsBackfill(upgraded)).toMatchObject({ done: false });
    // Before the backfill gets to them: the request that was running ends, and a new one is recorded.
    await recordRequest(upgraded, usageRecord({ id: 'old-running', startedAt: NOW - 500, attempts: [ok('anthropic', 'claude-sonnet-4-5', 2000)], ttftMs: 300, totalMs: 2000 }));
    await beginRequest(upgraded, usageRecord({ id: 'new-running', startedAt: NOW }), 0.01);
    await recordRequest(upgraded, usageRecord({ id: 'new', startedAt: NOW - 10, attempts: [ok('anthropic', 'claude-sonnet-4-5', 900)], ttftMs: 300, totalMs: 900 }));
    let pauses = 0;
    await countOlderSignals(upgraded, 10, async () => void pauses++);
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(await signalsBackfill(upgraded)).toMatchObject({ done: true });
    // Run again (a worker started later): nothing is counted twice.
    await countOlderSignals(upgraded, 10);

    const summary = await signalsSummary(upgraded, '2026-11-25', '2026-11-25', NOW);
    const sonnet = summary.byModel.find((s) => s.key === 'anthropic/claude-sonnet-4-5')!;
    expect(sonnet.attempts).toBe(25 + 2);
    expect(summary.counting).toBe(false);
    const totals = [...old.map((r) => r.totalMs), 2000, 900];
    expect(Math.abs(sonnet.totalP95! - byHand(totals, 95)) / byHand(totals, 95)).toBeLessThanOrEqual(0.01);
    upgraded.close();
    await Dexie.delete(oldName);
  });

  it('need no counting in a ledger made new', async () => {
    expect(await signalsBackfill(ledger)).toBeUndefined();
    await countOlderSignals(ledger);
    expect((await signalsSummary(ledger, '2026-11-25', '2026-11-25', NOW)).counting).toBe(false);
  });
});
