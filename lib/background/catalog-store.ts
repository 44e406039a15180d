import { createCatalog, type Catalog } from '../catalog/catalog';
import { CatalogSnapshot } from '../catalog/schema';
import { BUNDLED_CATALOG } from '../catalog/snapshot';
import type { KeyValueStore } from '../platform/key-value-store';

const CATALOG_KEY = 'catalog';

/** The refreshed catalog if one was saved and is valid, else the bundled snapshot. */
export async function loadCatalogSnapshot(local: KeyValueStore): Promise<CatalogSnapshot> {
  const parsed = CatalogSnapshot.safeParse(await local.get(CATALOG_KEY));
  return parsed.success && parsed.data.sourceDate >= BUNDLED_CATALOG.sourceDate ? parsed.data : BUNDLED_CATALOG;
}

export async function saveCatalogSnapshot(local: KeyValueStore, snapshot: CatalogSnapshot): Promise<void> {
  await local.set(CATALOG_KEY, CatalogSnapshot.parse(snapshot));
}

export async function loadCatalog(local: KeyValueStore): Promise<Catalog> {
  return createCatalog(await loadCatalogSnapshot(local));
}
