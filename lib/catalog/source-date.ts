/**
 * The day the bundled catalog was brought up to date. Kept apart from the catalog itself, so the
 * worker can tell whether a saved refresh was built on this bundle without loading it.
 */
export const SOURCE_DATE = '2026-11-30';
