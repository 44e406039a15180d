import type { PromptKind } from '../gateway/prompt-kind';
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { AttemptRecord, Endpoint, RecordStatus } from '../gateway/record';
import type { ReasoningDetail } from '../gateway/reasoning';
import { LEDGER_NAME, LEDGER_VERSIONS } from './schema';
import { signalsBackfillStart } from './signals-backfill';
import type { SignalTotal } from './signals';
import { dailyTotalsOf } from './totals';

/**
 * A row's status: the gateway's outcome, 'in_progress' while the request runs (written before it
 * leaves), 'interrupted' when the worker was stopped before it ended.
 */
export type RowStatus = RecordStatus | 'in_progress' | 'interrupted';

/** One request, as the gateway reported it. */
export interface RequestRow {
  id: string;
  startedAt: number;
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  source: string;
  stream: boolean;
  requestedModel: string;
  model: string | null;
  provider: string | null;
  status: RowStatus;
  /** While in progress: the most the request may cost, held against the budgets. */
  hold?: number;
  /** When the row was last written (progress of a running request). */
  updatedAt?: number;
  cost: number;
  priced: boolean;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Prompt tokens written to the provider's cache (rows from before caching was tracked have none). */
  cacheWriteTokens?: number;
  /** USD prompt caching saved, against the input price (negative when it only wrote). */
  cacheSaved?: number;
  /** Web searches the provider ran, and their cost (USD, included in `cost`). */
  webSearches?: number;
  searchCost?: number;
  reasoningTokens: number;
  usageEstimated: boolean;
  ttftMs: number | null;
  totalMs: number;
  finishReason: string | null;
  /** True when an earlier candidate failed or was passed over before the one that answered. */
  fellBack: boolean;
  attempts: AttemptRecord[];
  route?: string;
  error?: { status: number; code: string; message: string };
  /** The API called, when not chat completions. */
  endpoint?: Endpoint;
  conversationId?: string;
  /** The web page whose request it was (the page API). */
  site?: string;
  /** Counted in the signals when it was written; rows from before the signals were kept have none until ./signals-backfill.ts counts them. */
  signalled?: true;
}

export type TotalDimension = 'all' | 'provider' | 'model' | 'source';

/** Running totals per day, overall and per provider, model and source. */
export interface DailyTotal {
  key: string;
  day: string;
  dimension: TotalDimension;
  value: string;
  requests: number;
  errors: number;
  fallbacks: number;
  cost: number;
  promptTokens: number;
  completionTokens: number;
  totalMs: number;
  /** USD prompt caching saved (totals from before caching was tracked have none). */
  cacheSaved?: number;
  /** Web searches the providers ran, and what they cost (included in `cost`); none before search was tracked. */
  webSearches?: number;
  searchCost?: number;
}

/** Page text a conversation is about: a whole page, a selection, or several tabs, as it was read. */
export interface PageContext {
  url: string;
  title: string;
  /** The page's text (with several tabs, theirs one after another: what search and counts read). */
  text: string;
  kind: 'page' | 'selection' | 'tabs';
  /** The page was longer than Switchyard stores, and was cut. */
  clipped?: boolean;
  /** Several tabs asked about at once, in their numbered order (lib/page/tabs.ts). */
  tabs?: PageTab[];
}

/** One tab of several in a question. */
export interface PageTab {
  url: string;
  title: string;
  text: string;
  favIconUrl?: string;
  clipped?: boolean;
}

export interface ConversationRow {
  id: string;
  title: string;
  mode: 'chat' | 'compare';
  model: string | null;
  createdAt: number;
  updatedAt: number;
  page?: PageContext;
  /** Compare mode: the models of the columns. */
  models?: string[];
  /** Compare mode: which model wrote which column stays hidden until the vote (columns in shuffled order). */
  blind?: boolean;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Images sent with a question, as data URLs (scaled to what providers accept). */
  images?: string[];
  createdAt: number;
  /** The ledger row of the request that produced an assistant message. */
  requestId?: string;
  model?: string;
  /** Compare mode: which column the answer belongs to. */
  column?: number;
  reasoning?: string;
  /** What the model that wrote the answer needs back to go on from it (signed thinking, thought signatures). */
  reasoningDetails?: ReasoningDetail[];
  /** What is shown under an answer: model, provider, tokens, cost, timing, fallback trace. */
  meta?: unknown;
  error?: { code: string; message: string };
  stopped?: boolean;
}

export interface VoteRow {
  id: string;
  conversationId: string;
  createdAt: number;
  winner: string;
  models: string[];
  /** What the prompt asked for (`promptKind`); votes from before kinds were kept have none. */
  kind?: PromptKind;
  /** The vote was cast without seeing which model wrote which answer. */
  blind?: boolean;
}

/** The words of a message (key: its id) or of a conversation's title (key: '#title'), for history search. */
export interface SearchTermsRow {
  conversationId: string;
  key: string;
  terms: string[];
}

export interface HealthRow {
  id?: number;
  savedAt: number;
  snapshot: unknown;
}

/** The pages' connection to the ledger database (the background worker's is ./worker-db.ts). */
export class LedgerDb extends Dexie {
  requests!: EntityTable<RequestRow, 'id'>;
  daily!: EntityTable<DailyTotal, 'key'>;
  signals!: EntityTable<SignalTotal, 'key'>;
  conversations!: EntityTable<ConversationRow, 'id'>;
  messages!: EntityTable<MessageRow, 'id'>;
  votes!: EntityTable<VoteRow, 'id'>;
  health!: EntityTable<HealthRow, 'id'>;
  searchTerms!: Table<SearchTermsRow, [string, string]>;
  meta!: Table<{ key: string; [field: string]: unknown }, string>;

  constructor(name = LEDGER_NAME, options?: DexieOptions) {
    super(name, options);
    for (const { version, stores } of LEDGER_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (version === 2) {
        declared.upgrade(async (tx) => {
          const rows = await tx.table<RequestRow>('requests').toArray();
          await tx.table<DailyTotal>('daily').bulkPut(dailyTotalsOf(rows));
        });
      }
      // Dexie runs an upgrade only over an older database: a new one has no older requests to count.
      if (version === 6) declared.upgrade((tx) => tx.table('meta').put(signalsBackfillStart()));
    }
  }
}
