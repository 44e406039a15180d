import type { ChatRequest } from './openai-schema';
import type { UsageRecord } from './record';
import { modelIdOf } from './recorder';
import type { Candidate } from './resolve';
import { searchesOnItsOwn, searchWish } from './web-search';

/** The catalog id (or provider/model when the catalog does not know it) of the model that answered. */
export const answeredModel = modelIdOf;

/** Switchyard's own account of an answer, beside OpenAI's fields: how it was routed and timed. */
export interface SwitchyardTrace {
  attempts: UsageRecord['attempts'];
  route?: string;
  ttft_ms: number | null;
  /** The web searches the provider ran for the answer (the Responses and Messages faces show them). */
  search_queries?: string[];
  total_ms: number;
  usage_estimated: boolean;
  priced: boolean;
}

export function traceOf(record: UsageRecord): SwitchyardTrace {
  return {
    attempts: record.attempts,
    ...(record.route ? { route: record.route } : {}),
    ttft_ms: record.ttftMs,
    total_ms: record.totalMs,
    usage_estimated: record.usageEstimated,
    priced: record.priced,
  };
}

export function answerHeaders(candidate: Candidate, request?: ChatRequest, searched = false): Record<string, string> {
  // Web search was asked for, the model that answered has none of its own, and no search service searched for it.
  const leftOut: Record<string, string> = request && searchWish(request) && !searchesOnItsOwn(candidate) && !searched ? { 'x-switchyard-tools-left-out': 'web_search' } : {};
  return { 'x-switchyard-provider': candidate.provider.id, 'x-switchyard-model': answeredModel(candidate), ...leftOut };
}

