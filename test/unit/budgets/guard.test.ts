import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetGuard } from '../../../lib/budgets/guard';
import { BudgetSettings } from '../../../lib/budgets/settings';
import { LedgerDb } from '../../../lib/ledger/db';
import { openLedger, type WorkerLedger } from '../../../lib/ledger/worker-db';
import { recordRequest, spentBetween } from '../../../lib/ledger/ledger';
import { usageRecord } from '../../support/records';

let db: LedgerDb;
let ledger: WorkerLedger;
let name: string;
const now = Date.parse('2026-11-25T15:00:00');
beforeEach(async () => {
  name = `budget-${Math.random()}`;
  // The worker writes through idb; the pages' Dexie reads the same database.
  ledger = await openLedger(name);
  db = new LedgerDb(name);
});
afterEach(async () => {
  ledger.close();
  db.close();
  await Dexie.delete(name);
});

const guardWith = (settings: unknown) =>
  new BudgetGuard(async () => BudgetSettings.parse(settings), (from, to, provider) => spentBetween(ledger, from, to, provider), () => now);

describe('budgets', () => {
  it('reports spend against daily and monthly caps, with the warning share', async () => {
    await recordRequest(ledger, usageRecord({ startedAt: now - 1000, cost: 0.85 }));
    await recordRequest(ledger, usageRecord({ startedAt: Date.parse('2026-11-02T10:00:00'), cost: 3 }));
    const guard = guardWith({ global: { daily: 1, monthly: 10 }, warnAt: 0.8 });
    expect(await guard.status()).toEqual([
      { scope: 'all providers', period: 'daily', cap: 1, spent: 0.85, reserved: 0, share: 0.85, warn: true, exhausted: false },
      { scope: 'all providers', period: 'monthly', cap: 10, spent: 3.85, reserved: 0, share: 0.385, warn: false, exhausted: false },
    ]);
  });

  it('refuses with a clear 402 when a request could pass a cap', async () => {
    await recordRequest(ledger, usageRecord({ startedAt: now - 1000, cost: 0.95, provider: 'anthropic' }));
    const guard = guardWith({ global: { monthly: 100 }, providers: { anthropic: { daily: 1 } } });
    await expect(guard.admit('r1', 'openai', 0.2)).resolves.toBeUndefined();
    const refusal = guard.admit('r2', 'anthropic', 0.1);
    await expect(refusal).rejects.toMatchObject({ status: 402, code: 'budget_exceeded' });
    await expect(refusal).rejects.toThrow(/daily budget for anthropic \(\$1\.00\) would be exceeded: \$0\.9500 spent.*\$0\.0500 left/);
  });

  it('under 20 concurrent requests, never lets the in-flight ones pass the cap together', async () => {
    const guard = guardWith({ global: { daily: 1 } });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => guard.admit(`r${i}`, 'openai', 0.15)));
    const admitted = results.filter((r) => r.status === 'fulfilled').length;
    expect(admitted).toBe(6);
    // The admitted ones finish: rows are written, then holds released; the budget is honoured exactly.
    for (let i = 0; i < 20; i++) {
      if (results[i]!.status !== 'fulfilled') continue;
      await recordRequest(ledger, usageRecord({ id: `r${i}`, startedAt: now, cost: 0.15 }));
      guard.release(`r${i}`);
    }
    expect(await spentBetween(ledger, '2026-11-25', '2026-11-25')).toBe(0.9);
    await expect(guard.admit('late', 'openai', 0.15)).rejects.toMatchObject({ status: 402 });
    await expect(guard.admit('small', 'openai', 0.05)).resolves.toBeUndefined();
  });

  it('validates settings', () => {
    expect(() => BudgetSettings.parse({ global: { daily: -1 } })).toThrow();
    expect(BudgetSettings.parse({})).toEqual({ global: {}, providers: {}, warnAt: 0.8 });
  });
});
