import { describe, expect, it } from 'vitest';
import { storedSetting } from '../../../lib/background/stored-setting';
import { MemoryStore } from '../../../lib/platform/key-value-store';

/** A store that counts its reads, and can be told to fail the next one. */
class CountingStore extends MemoryStore {
  reads = 0;
  failNext = false;
  override async get<T>(key: string): Promise<T | undefined> {
    this.reads++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('storage is unavailable');
    }
    return super.get<T>(key);
  }
}

const parseLimit = (stored: unknown) => (typeof stored === 'number' ? stored : 10);

describe('a stored setting', () => {
  it('is read from storage once, and its parse supplies the default when nothing is stored', async () => {
    const store = new CountingStore();
    const limit = storedSetting(store, 'limit', parseLimit);
    expect(await Promise.all([limit.get(), limit.get()])).toEqual([10, 10]);
    expect(await limit.get()).toBe(10);
    expect(store.reads).toBe(1);
  });

  it('is read again after it is forgotten, and then has the value written since', async () => {
    const store = new CountingStore();
    const limit = storedSetting(store, 'limit', parseLimit);
    expect(await limit.get()).toBe(10);
    await store.set('limit', 3);
    expect(await limit.get()).toBe(10);
    limit.forget();
    expect(await limit.get()).toBe(3);
    expect(store.reads).toBe(2);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    const store = new CountingStore();
    await store.set('limit', 7);
    const limit = storedSetting(store, 'limit', parseLimit);
    store.failNext = true;
    await expect(limit.get()).rejects.toThrow('storage is unavailable');
    expect(await limit.get()).toBe(7);
  });

  it('keeps nothing from a read that was under way when it was forgotten', async () => {
    const store = new CountingStore();
    const limit = storedSetting(store, 'limit', parseLimit);
    const before = limit.get();
    await store.set('limit', 4);
    limit.forget();
    await before;
    expect(await limit.get()).toBe(4);
  });
});
