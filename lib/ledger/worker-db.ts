import type { StoredResponse } from '../gateway/responses/store';
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ConversationRow, DailyTotal, HealthRow, MessageRow, RequestRow, SearchTermsRow, VoteRow } from './db';
import { idbVersion, LEDGER_NAME, LEDGER_VERSIONS, parseStore } from './schema';
import { signalsBackfillStart } from './signals-backfill';
import type { SignalTotal } from './signals';
import type { DetailsRow } from './details-store';
import { dailyTotalsOf } from './totals';

export interface LedgerSchema extends DBSchema {
  requests: {
    key: string;
    value: RequestRow;
    indexes: {
      startedAt: number;
      day: string;
      model: string;
      provider: string;
      source: string;
      status: string;
      '[provider+startedAt]': [string, number];
      '[model+startedAt]': [string, number];
      '[source+startedAt]': [string, number];
      '[status+startedAt]': [string, number];
      '[provider+status+startedAt]': [string, string, number];
      '[model+status+startedAt]': [string, string, number];
      '[source+status+startedAt]': [string, string, number];
    };
  };
  daily: { key: string; value: DailyTotal; indexes: { day: string; '[dimension+day]': [string, string] } };
  signals: { key: string; value: SignalTotal; indexes: { '[dimension+day]': [string, string] } };
  details: { key: string; value: DetailsRow; indexes: { startedAt: number } };
  conversations: { key: string; value: ConversationRow; indexes: { updatedAt: number; mode: string } };
  messages: { key: string; value: MessageRow; indexes: { conversationId: string; '[conversationId+createdAt]': [string, number] } };
  votes: { key: string; value: VoteRow; indexes: { conversationId: string; createdAt: number; winner: string } };
  health: { key: number; value: HealthRow; indexes: { savedAt: number } };
  searchTerms: { key: [string, string]; value: SearchTermsRow; indexes: { conversationId: string; terms: string } };
  meta: { key: string; value: { key: string; [field: string]: unknown } };
  responses: { key: string; value: StoredResponse; indexes: { owner: string; createdAt: number } };
}

/** The background worker's connection to the ledger database (the pages open the same one with Dexie). */
export type WorkerLedger = IDBPDatabase<LedgerSchema>;

type UpgradeTx = IDBPTransaction<LedgerSchema, StoreNames<LedgerSchema>[], 'versionchange'>;

/** Creates the stores of every version newer than the one found, and runs v2's data upgrade. */
async function upgrade(db: WorkerLedger, oldVersion: number, tx: UpgradeTx): Promise<void> {
  const untyped = db as unknown as IDBPDatabase;
  for (const { version, stores } of LEDGER_VERSIONS) {
    if (idbVersion(version) <= oldVersion) continue;
    for (const [name, schema] of Object.entries(stores)) {
      const spec = parseStore(schema);
      // A store a later version redeclares keeps its data and gains the indexes it lacked.
      const store = untyped.objectStoreNames.contains(name)
        ? (tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>).objectStore(name)
        : untyped.createObjectStore(name, { keyPath: spec.keyPath, autoIncrement: spec.autoIncrement });
      for (const index of spec.indexes) {
        if (!store.indexNames.contains(index.name)) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    }
    if (version === 2 && oldVersion > 0) {
      const daily = tx.objectStore('daily');
      for (const total of dailyTotalsOf(await tx.objectStore('requests').getAll())) await daily.put(total);
    }
    if (version === 6 && oldVersion > 0) await tx.objectStore('meta').put(signalsBackfillStart());
  }
}

/**
 * Opens the ledger, creating or upgrading it as Dexie would. `onClose` is told when the connection
 * ends (another context upgrades the database, or the browser closes it), so the next use reopens.
 */
export async function openLedger(name = LEDGER_NAME, onClose: () => void = () => undefined): Promise<WorkerLedger> {
  const db: WorkerLedger = await openDB<LedgerSchema>(name, idbVersion(LEDGER_VERSIONS.at(-1)!.version), {
    upgrade: (opening, oldVersion, _newVersion, tx) => upgrade(opening, oldVersion, tx),
    blocking() {
      db.close();
      onClose();
    },
    terminated: onClose,
  });
  return db;
}

/** The ledger, opened when first needed and opened again after the connection ended. */
export function ledgerConnection(name = LEDGER_NAME): () => Promise<WorkerLedger> {
  let open: Promise<WorkerLedger> | undefined;
  const reset = () => {
    open = undefined;
  };
  return () =>
    (open ??= openLedger(name, reset).catch((error: unknown) => {
      reset();
      throw error;
    }));
}
