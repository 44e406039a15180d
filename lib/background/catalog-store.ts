import { createCatalog, type Catalog } from '../catalog/catalog';
import { rebaseRefreshed } from '../catalog/rebase';
import { CatalogSnapshot } from '../catalog/schema';
import { SOURCE_DATE } from '../catalog/source-date';
import type { KeyValueStore } from '../platform/key-value-store';

const CATALOG_KEY = 'catalog';

/**
 * The version of CatalogSnapshot a saved catalog was validated against; a test pins it to the
 * schema, so changing the schema means raising it.
 */
export const CATALOG_FORMAT = 3;

/**
 * A refreshed catalog as saved: JSON text, validated before it was written, and the date of the
 * bundled catalog it was built on. A cold worker's first request reads it; as an object, with the
 * schema checking its ~500 models again, that read added about 35 ms to every cold start. Text in
 * the current format built on this version's bundle is parsed only, and the bundle is not loaded.
 */
interface SavedCatalog {
  format: number;
  json: string;
  /** The SOURCE_DATE of the bundled catalog the refresh was built on (absent before format 3). */
  base?: string;
}

const isSaved = (value: unknown): value is SavedCatalog =>
  typeof value === 'object' && value !== null && typeof (value as SavedCatalog).format === 'number' && typeof (value as SavedCatalog).json === 'string';

/** The saved catalog and the bundle it was built on, or undefined when there is none or it cannot be used. */
function readSaved(stored: unknown): { snapshot: CatalogSnapshot; base?: string } | undefined {
  if (stored === undefined || stored === null) return undefined;
  try {
    if (isSaved(stored) && stored.format === CATALOG_FORMAT) {
      const snapshot = JSON.parse(stored.json) as CatalogSnapshot;
      return typeof snapshot?.sourceDate === 'string' && Array.isArray(snapshot.models) ? { snapshot, base: stored.base } : undefined;
    }
    // Saved by an earlier version (as an object, or in another format): checked in full.
    const parsed = CatalogSnapshot.safeParse(isSaved(stored) ? JSON.parse(stored.json) : stored);
    return parsed.success ? { snapshot: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalog as refreshed and saved, or else as bundled with the extension (loaded once, when
 * first needed). `bundledDate` is the bundle's SOURCE_DATE, known without loading it.
 */
export function createCatalogStore(local: KeyValueStore, loadBundled: () => Promise<CatalogSnapshot>, bundledDate: string = SOURCE_DATE) {
  let bundled: Promise<CatalogSnapshot> | undefined;

  function loadShipped(): Promise<CatalogSnapshot> {
    bundled ??= loadBundled().catch((error: unknown) => {
      bundled = undefined; // tried again next time
      throw new Error(`The extension's model catalog could not be read: ${error instanceof Error ? error.message : String(error)}`);
    });
    return bundled;
  }

  async function save(next: CatalogSnapshot): Promise<void> {
    const saved: SavedCatalog = { format: CATALOG_FORMAT, json: JSON.stringify(CatalogSnapshot.parse(next)), base: bundledDate };
    await local.set(CATALOG_KEY, saved);
  }

  /**
   * The refreshed catalog if one was saved and is valid, else the bundled one. A refresh built on
   * an earlier bundle (the extension was updated since) is carried onto this one, which keeps
   * what the refresh learnt and brings the new bundle's models and prices, and saved so.
   */
  async function snapshot(): Promise<CatalogSnapshot> {
    const saved = readSaved(await local.get(CATALOG_KEY));
    if (!saved) return loadShipped();
    if (saved.base === bundledDate) return saved.snapshot;
    const shipped = await loadShipped().catch(() => undefined); // a refreshed catalog does without it
    if (!shipped) return saved.snapshot;
    const rebased = rebaseRefreshed(saved.snapshot, shipped);
    await save(rebased).catch(() => undefined); // used as it is all the same; carried over again next time
    return rebased;
  }

  return {
    snapshot,
    async catalog(): Promise<Catalog> {
      return createCatalog(await snapshot());
    },
    save,
  };
}
