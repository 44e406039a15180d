import { createCatalog, type Catalog } from '../catalog/catalog';
import { CatalogSnapshot } from '../catalog/schema';
import type { KeyValueStore } from '../platform/key-value-store';

const CATALOG_KEY = 'catalog';

/**
 * The version of CatalogSnapshot a saved catalog was validated against; a test pins it to the
 * schema, so changing the schema means raising it.
 */
export const CATALOG_FORMAT = 2;

/**
 * A refreshed catalog as saved: JSON text, validated before it was written. A cold worker's first
 * request reads it; as an object, with the schema checking its ~500 models again, that read added
 * about 35 ms to every cold start. Text in the current format is parsed only.
 */
interface SavedCatalog {
  format: number;
  json: string;
}

const isSaved = (value: unknown): value is SavedCatalog =>
  typeof value === 'object' && value !== null && typeof (value as SavedCatalog).format === 'number' && typeof (value as SavedCatalog).json === 'string';

/** The saved catalog, or undefined when there is none or it cannot be used (the bundled one serves then). */
function readSaved(stored: unknown): CatalogSnapshot | undefined {
  if (stored === undefined || stored === null) return undefined;
  try {
    if (isSaved(stored) && stored.format === CATALOG_FORMAT) {
      const snapshot = JSON.parse(stored.json) as CatalogSnapshot;
      return typeof snapshot?.sourceDate === 'string' && Array.isArray(snapshot.models) ? snapshot : undefined;
    }
    // Saved by an earlier version (as an object, or in another format): checked in full.
    const parsed = CatalogSnapshot.safeParse(isSaved(stored) ? JSON.parse(stored.json) : stored);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

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
    const saved = readSaved(await local.get(CATALOG_KEY));
    if (!saved) return loadShipped();
    const shipped = await loadShipped().catch(() => undefined); // a refreshed catalog does without it
    return shipped && saved.sourceDate < shipped.sourceDate ? shipped : saved;
  }

  return {
    snapshot,
    async catalog(): Promise<Catalog> {
      return createCatalog(await snapshot());
    },
    async save(next: CatalogSnapshot): Promise<void> {
      const saved: SavedCatalog = { format: CATALOG_FORMAT, json: JSON.stringify(CatalogSnapshot.parse(next)) };
      await local.set(CATALOG_KEY, saved);
    },
  };
}
