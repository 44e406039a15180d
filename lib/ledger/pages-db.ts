import { LedgerDb } from './db';

/** The extension pages' connection to the shared database (same origin as the background's). */
export const pagesDb = new LedgerDb();
