import { createCatalog, type Catalog } from '../catalog/catalog';
import { rebaseRefreshed } from '../catalog/rebase';
import { CatalogSnapshot } from '../catalog/schema';
import { BUNDLED_CATALOG_ID } from '../catalog/source-date';
import type { KeyValueStore } from '../platform/key-value-store';

const CATALOG_KEY = 'catalog';

/**
 * The version of CatalogSnapshot a saved catalog was validated against; a test pins it to the
 * schema, so changing the schema means raising it.
 */
export const CATALOG_FORMAT = 4;

/**
 * A catalog as saved: JSON text, validated before it was written, and the bundled catalog it was
 * built on. A cold worker's first request reads it; as an object, with the schema checking its
 * ~500 models again, that read added about 35 ms to every cold start. Text in the current format
 * built on this version's bundle is parsed only, and the bundle is not loaded. Until the first
 * refresh it is the bundle itself, saved so: reading the extension's file took a cold worker about
 * 10 ms more than reading storage, which it reads anyway.
 */
interface SavedCatalog {
  format: number;
  json: string;
  /** The BUNDLED_CATALOG_ID it was built on (a day alone before this format's bundles had ids; absent before format 3). */
  base?: string;
}

/** How long after a cold worker loaded the bundled catalog it saves a copy: its first request has gone out by then. */
const SEED_AFTER_MS = 2_000;

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
 * first needed, and then saved too). `bundleId` names the bundle (BUNDLED_CATALOG_ID), known
 * without loading it; `later` runs the copy's write once the worker is quiet.
 */
export function createCatalogStore(
  local: KeyValueStore,
  loadBundled: () => Promise<CatalogSnapshot>,
  bundleId: string = BUNDLED_CATALOG_ID,
  later: (work: () => void) => void = (work) => setTimeout(work, SEED_AFTER_MS),
) {
  let bundled: Promise<CatalogSnapshot> | undefined;
  let saves = 0;
  let seeding = false;

  function loadShipped(): Promise<CatalogSnapshot> {
    bundled ??= loadBundled().catch((error: unknown) => {
      bundled = undefined; // tried again next time
      throw new Error(`The extension's model catalog could not be read: ${error instanceof Error ? error.message : String(error)}`);
    });
    return bundled;
  }

  async function save(next: CatalogSnapshot): Promise<void> {
    saves++;
    await write(JSON.stringify(CatalogSnapshot.parse(next)));
  }

  function write(json: string): Promise<void> {
    const saved: SavedCatalog = { format: CATALOG_FORMAT, json, base: bundleId };
    return local.set(CATALOG_KEY, saved);
  }

  /** Saves the bundle as loaded (it was validated when the extension was built), unless a refresh is saved first. */
  function seed(shipped: CatalogSnapshot): void {
    if (seeding) return;
    seeding = true;
    const savesBefore = saves;
    later(() => {
      seeding = false;
      if (saves === savesBefore) write(JSON.stringify(shipped)).catch(() => undefined);
    });
  }

  /**
   * The refreshed catalog if one was saved and is valid, else the bundled one. A refresh built on
   * an earlier bundle (the extension was updated since) is carried onto this one, which keeps
   * what the refresh learnt and brings the new bundle's models and prices, and saved so.
   */
  async function snapshot(): Promise<CatalogSnapshot> {
    const saved = readSaved(await local.get(CATALOG_KEY));
    if (!saved) {
      const shipped = await loadShipped();
      seed(shipped);
      return shipped;
    }
    if (saved.base === bundleId) return saved.snapshot;
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

export type CatalogStore = ReturnType<typeof createCatalogStore>;
