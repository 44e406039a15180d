import type { FinishReason } from './openai-schema';
import type { TokenUsage } from './providers/types';
import type { RequestDetails } from './details';

export type RecordStatus = 'ok' | 'error' | 'aborted';

/** The APIs the gateway serves besides chat completions (rows without one are chat). */
export type Endpoint = 'embeddings' | 'responses' | 'messages';

/** One try at one provider, or a candidate passed over (with the reason). */
export interface AttemptRecord {
  provider: string;
  model: string;
  /** The catalog id of the model tried (provider/model when the catalog does not know it); rows from before it was kept have none. */
  modelId?: string;
  status: RecordStatus | 'skipped';
  httpStatus?: number;
  code?: string;
  error?: string;
  ms: number;
  /** When the attempt started, from the request's start (ms): the wait before the first is routing and admission. */
  startMs?: number;
  /** From the attempt's start to its provider's response headers (ms): connecting and the provider's queue. */
  headersMs?: number;
}

/** What the gateway reports once per request, when it ends (ok, error or aborted), and as it goes. */
export interface UsageRecord {
  id: string;
  startedAt: number;
  source: string;
  stream: boolean;
  requestedModel: string;
  /** The catalog id (or provider/model when the catalog does not know it) that answered. */
  model: string | null;
  provider: string | null;
  attempts: AttemptRecord[];
  usage: TokenUsage;
  /** True when the provider reported no usage (cut or aborted streams) and tokens were estimated. */
  usageEstimated: boolean;
  cost: number;
  /** What prompt caching saved (USD, against the input price; negative when it only wrote). */
  cacheSaved: number;
  /** What the provider's web searches cost (USD, included in `cost`), when it searched. */
  searchCost?: number;
  /** False when the model that answered has no known price. */
  priced: boolean;
  ttftMs: number | null;
  totalMs: number;
  finishReason: FinishReason | null;
  /** 'in_progress' only in the snapshots taken while a request runs (onStart, onProgress). */
  status: RecordStatus | 'in_progress';
  error?: { status: number; code: string; message: string };
  /** Why this route was taken (model chain, sort, auto tier). */
  route?: string;
  /** The API called, when not chat completions. */
  endpoint?: Endpoint;
  /** The web page whose request it was (the page API). */
  site?: string;
  /** What was received, sent to each provider and answered: only from a gateway that keeps details, and only in the final record. */
  details?: RequestDetails;
}
