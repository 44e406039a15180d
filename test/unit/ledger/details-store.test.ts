import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestDetails } from '../../../lib/gateway/details';
import { detailsUsage, pruneDetails, readDetails, saveDetails } from '../../../lib/ledger/details-store';
import { openLedger, type WorkerLedger } from '../../../lib/ledger/worker-db';
import { generateDeviceKey } from '../../../lib/platform/device-key';

let ledger: WorkerLedger;
let name: string;
let key: CryptoKey;
beforeEach(async () => {
  name = `details-${Math.random()}`;
  ledger = await openLedger(name);
  key = await generateDeviceKey();
});
afterEach(async () => {
  ledger.close();
  await Dexie.delete(name);
});

const png = 'iVBORw0KGgo' + 'A'.repeat(40_000);
const details = (text: string): RequestDetails => ({
  received: { model: 'a/b', messages: [{ role: 'user', content: [{ type: 'text', text }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }] },
  exchanges: [
    null,
    {
      sent: { url: 'https://api.anthropic.com/v1/messages', method: 'POST', headers: { 'x-api-key': '(hidden)' }, body: JSON.stringify({ messages: [{ content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }] }] }) },
      status: 529,
      errorBody: '{"type":"error","error":{"type":"overloaded_error"}}',
    },
  ],
  answer: { text: 'An answer.' },
});

describe('request details at rest', () => {
  it('come back as they were kept, images as their size and hash, sealed so that the stored bytes hold none of the words', async () => {
    await saveDetails(ledger, key, 'req-1', Date.now(), details('the secret plans of the week'));
    const row = await ledger.get('details', 'req-1');
    expect(new TextDecoder().decode(row!.data)).not.toContain('secret plans');
    expect(row!.size).toBeLessThan(2_000);
    const back = await readDetails(ledger, key, 'req-1');
    expect(back!.answer).toEqual({ text: 'An answer.' });
    expect(back!.exchanges[0]).toBeNull();
    expect(back!.exchanges[1]!.errorBody).toContain('overloaded_error');
    const kept = JSON.stringify(back);
    expect(kept).toContain('the secret plans of the week');
    expect(kept).not.toContain(png.slice(0, 200));
    expect(kept).toMatch(/\[image\/png, 29 KB, sha256 [0-9a-f]{16}\]/);
    expect(kept).toMatch(/\[base64, 29 KB, sha256 [0-9a-f]{16}\]/);
    await expect(readDetails(ledger, await generateDeviceKey(), 'req-1')).rejects.toThrow();
    await expect(readDetails(ledger, undefined, 'req-1')).rejects.toThrow(/device key/);
    expect(await readDetails(ledger, key, 'none')).toBeUndefined();
  });

  it('are dropped past their period, past the size cap oldest first, and all when keeping is turned off', async () => {
    const now = Date.now();
    const day = 86_400_000;
    // Words that do not compress much: a few hundred KB kept per request.
    const words = (n: number) => Array.from({ length: n }, () => Math.random().toString(36).slice(2)).join(' ');
    for (let i = 0; i < 10; i++) await saveDetails(ledger, key, `r${i}`, now - i * day, details(`request ${i} ${words(40_000)}`));
    expect((await detailsUsage(ledger)).count).toBe(10);
    // Seven days: what started more than seven days ago goes.
    expect(await pruneDetails(ledger, { keep: true, keepDays: 7, maxMb: 100 }, now)).toBe(2);
    expect((await ledger.getAllKeys('details')).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    // One MB: the newest that fit in it stay, and every older one goes.
    const sizes = await Promise.all(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].map(async (id) => (await ledger.get('details', id))!.size));
    let fit = 0;
    for (let total = 0; fit < sizes.length && total + sizes[fit]! <= 1024 * 1024; fit++) total += sizes[fit]!;
    expect(fit).toBeGreaterThan(0);
    expect(fit).toBeLessThan(8);
    await pruneDetails(ledger, { keep: true, keepDays: 7, maxMb: 1 }, now);
    expect((await ledger.getAllKeys('details')).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].slice(0, fit));
    expect((await detailsUsage(ledger)).bytes).toBeLessThanOrEqual(1024 * 1024);
    await pruneDetails(ledger, { keep: false, keepDays: 7, maxMb: 100 }, now);
    expect(await detailsUsage(ledger)).toEqual({ bytes: 0, count: 0 });
  });
});
