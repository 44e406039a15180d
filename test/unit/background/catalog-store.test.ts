import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toJSONSchema } from 'zod/v4/core';
import { CATALOG_FORMAT, createCatalogStore } from '../../../lib/background/catalog-store';
import { CatalogSnapshot } from '../../../lib/catalog/schema';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { BUNDLED_CATALOG_ID, SOURCE_DATE } from '../../../lib/catalog/source-date';
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

  it('uses a refresh saved on this bundle as saved, without loading the bundle, and ignores a damaged one', async () => {
    const local = new MemoryStore();
    let loads = 0;
    const store = createCatalogStore(local, async () => {
      loads++;
      return BUNDLED_CATALOG;
    });
    const refreshed = { ...BUNDLED_CATALOG, sourceDate: '2099-01-01', models: BUNDLED_CATALOG.models.slice(0, 3) };
    await store.save(refreshed);
    expect((await store.snapshot()).models).toHaveLength(3);
    expect(loads).toBe(0);
    await local.set('catalog', { models: 'not a list' });
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
  });

  it('carries a refresh saved on an earlier bundle onto this one: the new bundle’s models and prices, what the refresh learnt, saved so', async () => {
    const local = new MemoryStore();
    const older = createCatalogStore(local, async () => BUNDLED_CATALOG, '2026-01-01#0');
    const learnt = { ...BUNDLED_CATALOG.models.find((m) => m.id === 'openai/gpt-4o-mini')!, id: 'someone/new-model', name: 'New', endpoints: [{ provider: 'openrouter', model: 'someone/new-model', pricing: { input: 1, output: 1 } }] };
    const retired = { ...learnt, id: 'mistralai/devstral-medium-latest', endpoints: [{ provider: 'mistral', model: 'devstral-medium-latest' }, { provider: 'openrouter', model: 'mistralai/devstral-medium' }] };
    const stale = { ...BUNDLED_CATALOG.models.find((m) => m.id === 'deepseek/deepseek-chat')!, pricing: { input: 0.28, output: 0.42 } };
    await older.save({ sourceDate: '2026-11-01', models: [stale, learnt, retired] });

    const store = createCatalogStore(local, async () => BUNDLED_CATALOG);
    const ids = (await store.snapshot()).models.map((m) => m.id);
    expect(ids).toContain('someone/new-model');
    expect(ids).not.toContain('mistralai/devstral-medium-latest');
    expect(ids).toContain('anthropic/claude-fable-5-2');
    expect((await store.catalog()).get('deepseek/deepseek-chat')?.pricing.input).toBe(0.14);
    expect((await local.get('catalog')) as { base: string }).toMatchObject({ base: BUNDLED_CATALOG_ID });
  });
});

describe('the bundled catalog, saved', () => {
  it('is saved once a cold worker has loaded it, so the next one reads storage and not the extension’s file', async () => {
    const local = new MemoryStore();
    let loads = 0;
    const pending: (() => void)[] = [];
    const loader = async () => {
      loads++;
      return BUNDLED_CATALOG;
    };
    const first = createCatalogStore(local, loader, BUNDLED_CATALOG_ID, (work) => pending.push(work));
    await Promise.all([first.snapshot(), first.snapshot()]);
    expect(pending).toHaveLength(1);
    expect(await local.get('catalog')).toBeUndefined();
    pending.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await local.get('catalog')) as { base: string }).toMatchObject({ format: CATALOG_FORMAT, base: BUNDLED_CATALOG_ID });

    const next = createCatalogStore(local, loader, BUNDLED_CATALOG_ID, (work) => pending.push(work));
    expect(await next.snapshot()).toEqual(JSON.parse(JSON.stringify(BUNDLED_CATALOG)));
    expect(loads).toBe(1);
    expect(pending).toHaveLength(0);
  });

  it('never takes the place of a refresh saved before the copy was written', async () => {
    const local = new MemoryStore();
    const pending: (() => void)[] = [];
    const store = createCatalogStore(local, async () => BUNDLED_CATALOG, BUNDLED_CATALOG_ID, (work) => pending.push(work));
    await store.snapshot();
    await store.save({ ...BUNDLED_CATALOG, sourceDate: '2099-01-01' });
    pending.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await store.snapshot()).sourceDate).toBe('2099-01-01');
  });

  it('is named by a hash of its contents: a change to the bundle must update BUNDLED_CATALOG_ID, so catalogs saved on the old one are carried over', () => {
    const hash = createHash('sha256').update(JSON.stringify(CatalogSnapshot.parse(BUNDLED_CATALOG))).digest('hex').slice(0, 12);
    expect(BUNDLED_CATALOG_ID, `the bundled catalog changed: set BUNDLED_CATALOG_ID to '${SOURCE_DATE}#${hash}' in lib/catalog/source-date.ts`).toBe(`${SOURCE_DATE}#${hash}`);
    expect(BUNDLED_CATALOG.sourceDate).toBe(SOURCE_DATE);
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

describe('a saved catalog', () => {
  it('is kept as JSON text in the current format, and read back without checking every model again', async () => {
    const local = new MemoryStore();
    const store = createCatalogStore(local, async () => BUNDLED_CATALOG);
    const refreshed = { ...BUNDLED_CATALOG, sourceDate: '2099-01-01' };
    await store.save(refreshed);
    const stored = (await local.get('catalog')) as { format: number; json: string };
    expect(stored.format).toBe(CATALOG_FORMAT);
    expect(JSON.parse(stored.json)).toEqual(CatalogSnapshot.parse(refreshed));
    expect((await store.catalog()).get('openai/gpt-4o-mini')?.name).toBe('GPT-4o mini');
  });

  it('refuses to save a catalog the schema refuses, and keeps the one it had', async () => {
    const local = new MemoryStore();
    const store = createCatalogStore(local, async () => BUNDLED_CATALOG);
    await store.save({ ...BUNDLED_CATALOG, sourceDate: '2099-01-01' });
    await expect(store.save({ sourceDate: '2099-02-01', models: [{ id: 'x' }] } as never)).rejects.toThrow();
    expect((await store.snapshot()).sourceDate).toBe('2099-01-01');
  });

  it('saved in another format is checked in full; damaged text leaves the bundled catalog in charge', async () => {
    const local = new MemoryStore();
    const store = createCatalogStore(local, async () => BUNDLED_CATALOG);
    const valid = JSON.stringify({ ...BUNDLED_CATALOG, sourceDate: '2099-01-01' });
    await local.set('catalog', { format: CATALOG_FORMAT + 1, json: valid });
    expect((await store.snapshot()).sourceDate).toBe('2099-01-01');
    await local.set('catalog', { format: CATALOG_FORMAT + 1, json: JSON.stringify({ sourceDate: '2099-01-01', models: [{ id: 1 }] }) });
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
    await local.set('catalog', { format: CATALOG_FORMAT, json: valid.slice(0, 500) });
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
    await local.set('catalog', { format: CATALOG_FORMAT, json: '{"models":"not a list"}' });
    expect(await store.snapshot()).toBe(BUNDLED_CATALOG);
  });

  it('has a format that follows the schema: a change to CatalogSnapshot must raise CATALOG_FORMAT', () => {
    // The JSON Schema of each format; a schema change makes this fail until the format is raised and its line added.
    const FINGERPRINTS: Record<number, string> = { 1: '7621a836c1a57b66', 2: 'c61a2b0e83a414a7', 3: 'c06157534ef9e5a4', 4: '22158765e0adc0b3' };
    const fingerprint = createHash('sha256').update(JSON.stringify(toJSONSchema(CatalogSnapshot, { io: 'input', unrepresentable: 'any' }))).digest('hex').slice(0, 16);
    expect(FINGERPRINTS[CATALOG_FORMAT], `CatalogSnapshot changed: raise CATALOG_FORMAT and record ${fingerprint} for it`).toBe(fingerprint);
  });
});
