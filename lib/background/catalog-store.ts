import { createCatalog, type Catalog } from '../catalog/catalog';
import { CatalogSnapshot } from '../catalog/schema';
import type { KeyValueStore } from '../platform/key-value-store';

const CATALOG_KEY = 'catalog';

/** The catalog as refreshed and saved, or else as bundled with the extension (loaded once, when first needed). */
export function createCatalogStore(local: KeyValueStore, loadBundled: () => Promise<CatalogSnapshot>) {
  let bundled: Promise<CatalogSnapshot> | undefined;

  /** The refreshed catalog if one was saved, is valid and is newer than the bundled one, else the bundled one. */
  async function snapshot(): Promise<CatalogSnapshot> {
    const [saved, shipped] = await Promise.all([local.get(CATALOG_KEY), (bundled ??= loadBundled())]);
    const parsed = CatalogSnapshot.safeParse(saved);
    return parsed.success && parsed.data.sourceDate >= shipped.sourceDate ? parsed.data : shipped;
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
