import { describe, expect, it } from 'vitest';
import type { DurableObjectStorage } from 'cloudflare:workers';
import { GroupedWrites } from '../../../worker/src/grouped-writes';

/** A member object's storage as far as GroupedWrites uses it: each call is one write (one commit). */
function fakeStorage() {
  const data = new Map<string, unknown>();
  const writes: { put?: string[]; delete?: string[] }[] = [];
  const storage = {
    async put(entries: Record<string, unknown>) {
      writes.push({ put: Object.keys(entries) });
      for (const [key, value] of Object.entries(entries)) data.set(key, value);
    },
    async delete(keys: string[]) {
      writes.push({ delete: keys });
      for (const key of keys) data.delete(key);
      return keys.length;
    },
  } as unknown as DurableObjectStorage;
  return { storage, data, writes };
}

describe('GroupedWrites', () => {
  it('issues the writes of calls that arrive together as one write, and each caller hears back after it', async () => {
    const { storage, data, writes } = fakeStorage();
    const grouped = new GroupedWrites(storage);
    const calls = [grouped.put({ 'row:a': 1 }), grouped.put({ 'row:b': 2, totals: 10 }), grouped.put({ 'row:a': 3, totals: 11 })];
    expect(writes).toEqual([]); // nothing written before the group is issued
    await Promise.all(calls);
    expect(writes).toEqual([{ put: ['row:a', 'row:b', 'totals'] }]);
    expect(Object.fromEntries(data)).toEqual({ 'row:a': 3, 'row:b': 2, totals: 11 });
  });

  it('keeps the order of a put and a delete of the same key, within a group and across groups', async () => {
    const { storage, data, writes } = fakeStorage();
    const grouped = new GroupedWrites(storage);
    await Promise.all([grouped.put({ 'row:a': 1 }), grouped.put({}, ['row:a'])]);
    expect(data.has('row:a')).toBe(false);
    expect(writes).toEqual([{ delete: ['row:a'] }]);

    await grouped.put({ 'row:b': 1 });
    await Promise.all([grouped.put({}, ['row:b']), grouped.put({ 'row:b': 2 })]);
    expect(data.get('row:b')).toBe(2);
    expect(writes.slice(1)).toEqual([{ put: ['row:b'] }, { put: ['row:b'] }]);
  });

  it('starts a new group for calls after a group was issued', async () => {
    const { storage, writes } = fakeStorage();
    const grouped = new GroupedWrites(storage);
    await grouped.put({ 'row:a': 1 });
    await grouped.put({ 'row:b': 1 });
    expect(writes).toEqual([{ put: ['row:a'] }, { put: ['row:b'] }]);
  });
});
