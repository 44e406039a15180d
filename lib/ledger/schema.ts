/**
 * The ledger database's versions, in Dexie's schema syntax ('&' unique key, '++' auto-increment,
 * '[a+b]' compound index). The pages open it with Dexie; the background worker opens it with idb,
 * which is a tenth of Dexie's size on a cold start: both build the same stores from this list.
 */
export const LEDGER_NAME = 'switchyard';

export const LEDGER_VERSIONS: { version: number; stores: Record<string, string> }[] = [
  {
    version: 1,
    stores: {
      requests: '&id, startedAt, day, model, provider, source, status',
      conversations: '&id, updatedAt, mode',
      messages: '&id, conversationId, [conversationId+createdAt]',
      votes: '&id, conversationId, createdAt, winner',
      health: '++id, savedAt',
    },
  },
  // v2: daily totals, so budgets and the dashboard never scan every request.
  { version: 2, stores: { daily: '&key, day, [dimension+day]' } },
  // v3: the words of every conversation for history search (built in the background for older
  // history), its progress in `meta`, and per-filter time indexes for a ledger of millions of rows.
  {
    version: 3,
    stores: {
      requests: '&id, startedAt, day, model, provider, source, status, [provider+startedAt], [model+startedAt], [source+startedAt], [status+startedAt]',
      searchTerms: '[conversationId+key], conversationId, *terms',
      meta: '&key',
    },
  },
  // v4: a filter by status together with a provider, model or source (a provider's errors) reads
  // exactly its rows, however rare they are among the others.
  {
    version: 4,
    stores: {
      requests:
        '&id, startedAt, day, model, provider, source, status, [provider+startedAt], [model+startedAt], [source+startedAt], [status+startedAt], [provider+status+startedAt], [model+status+startedAt], [source+status+startedAt]',
    },
  },
  // v5: Responses API answers kept for `store: true` (previous_response_id, GET /responses/{id}),
  // each readable only by the site that made it.
  { version: 5, stores: { responses: '&id, owner, createdAt' } },
  // v6: latency and error signals per day, model and provider (./signals.ts), kept with each
  // request from then on; the older requests are counted in the background (./signals-backfill.ts).
  { version: 6, stores: { signals: '&key, [dimension+day]' } },
  // v7: requests' bodies for the inspector, sealed with the device key (./details-store.ts).
  { version: 7, stores: { details: '&id, startedAt' } },
];

/** Dexie keeps version n as IndexedDB version n × 10. */
export const idbVersion = (version: number) => version * 10;

export interface IndexSpec {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

export interface StoreSpec {
  keyPath: string | undefined;
  autoIncrement: boolean;
  indexes: IndexSpec[];
}

const keyPathOf = (spec: string) => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec);

/** A store as Dexie creates it from its schema string (the index name is the spec without prefixes). */
export function parseStore(schema: string): StoreSpec {
  const [primary = '', ...indexes] = schema.split(',').map((s) => s.trim());
  const autoIncrement = primary.startsWith('++');
  const key = primary.replace(/^(\+\+|&)/, '');
  return {
    keyPath: key ? (keyPathOf(key) as string) : undefined,
    autoIncrement,
    indexes: indexes.filter(Boolean).map((spec) => {
      const unique = spec.startsWith('&');
      const multiEntry = spec.startsWith('*');
      const name = spec.replace(/^[&*]/, '');
      return { name, keyPath: keyPathOf(name), unique, multiEntry };
    }),
  };
}
