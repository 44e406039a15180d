import { describe, expect, it } from 'vitest';
import { createCatalogStore } from '../../../lib/background/catalog-store';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { MemoryStore } from '../../../lib/platform/key-value-store';

describe('the catalog store', () => {
  it('reads the bundled catalog once, when first needed', async () => {
    let loads = 0;
    const store = createCatalogStore(new MemoryStore(), async () => {
      loads++;
      return BUNDLED_CATALOG;
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([store.snapshot(), store.snapshot()]);
    expect(a).toBe(BUNDLED_CATALOG);
    expect(b).toBe(BUNDLED_CATALOG);
    expect((await store.catalog()).get('openai/gpt-4o-mini')?.name).toBeTruthy();
    expect(loads).toBe(1);
  });

  it('prefers a saved refresh unless the bundled catalog is newer, and ignores a damaged one', async () => {
    const local = new MemoryStore();
    const store = createCatalogStore(local, async () => BUNDLED_CATALOG);
    const refreshed = { ...BUNDLED_CATALOG, sourceDate: '2099-01-01', models: BUNDLED_CATALOG.models.slice(0, 3) };
    await store.save(refreshed);
    expect((await store.snapshot()).models).toHaveLength(3);
    await local.set('catalog', { ...refreshed, sourceDate: '2000-01-01' });
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
    await local.set('catalog', { models: 'not a list' });
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
  });
});

describe('a missing bundled catalog', () => {
  it('is reported clearly, tried again next time, and not needed once a refresh is saved', async () => {
    const local = new MemoryStore();
    let fail = true;
    const store = createCatalogStore(local, async () => {
      if (fail) throw new Error('404');
      return BUNDLED_CATALOG;
    });
    await expect(store.snapshot()).rejects.toThrow(/model catalog could not be read: 404/);
    await store.save({ ...BUNDLED_CATALOG, sourceDate: '2099-01-01' });
    expect((await store.snapshot()).sourceDate).toBe('2099-01-01');
    fail = false;
    await local.set('catalog', undefined);
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
  });
});
