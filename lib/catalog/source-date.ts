/**
 * The day the bundled catalog was brought up to date. Kept apart from the catalog itself, so the
 * worker can tell whether a saved catalog was built on this bundle without loading it.
 */
export const SOURCE_DATE = '2026-11-30';

/**
 * This bundle's name: its day and a hash of its contents, which a test pins (it fails, naming the
 * new hash, when the bundled catalog changes). A catalog saved on another bundle, even one of the
 * same day, is carried onto this one.
 */
export const BUNDLED_CATALOG_ID = `${SOURCE_DATE}#2e1ffe7ec82b`;
