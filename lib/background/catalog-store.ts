import { createCatalog, type Catalog } from '../catalog/catalog';
import { CatalogSnapshot } from '../catalog/schema';
import type { KeyValueStore } from '../platform/key-value-store';

const CATALOG_KEY = 'catalog';

/** The catalog as refreshed and saved, or else as bundled with the extension (loaded once, when first needed). */
export function createCatalogStore(local: KeyValueStore, loadBundled: () => Promise<CatalogSnapshot>) {
  let bundled: Promise<CatalogSnapshot> | undefined;

  function loadShipped(): Promise<CatalogSnapshot> {
    bundled ??= loadBundled().catch((error: unknown) => {
      bundled = undefined; // tried again next time
      throw new Error(`The extension's model catalog could not be read: ${error instanceof Error ? error.message : String(error)}`);
    });
    return bundled;
  }

  /** The refreshed catalog if one was saved, is valid and is not older than the bundled one, else the bundled one. */
  async function snapshot(): Promise<CatalogSnapshot> {
    const saved = CatalogSnapshot.safeParse(await local.get(CATALOG_KEY));
    if (!saved.success) return loadShipped();
    const shipped = await loadShipped().catch(() => undefined); // a refreshed catalog does without it
    return shipped && saved.data.sourceDate < shipped.sourceDate ? shipped : saved.data;
  }

  return {
    snapshot,
    async catalog(): Promise<Catalog> {
      return createCatalog(await snapshot());
    },
    async save(next: CatalogSnapshot): Promise<void> {
      await local.set(CATALOG_KEY, CatalogSnapshot.parse(next));
    },
  };
}
