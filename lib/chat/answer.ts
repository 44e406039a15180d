import type { ReasoningDetail } from '../gateway/reasoning';
import type { ChatChunk } from '../messaging/contracts';
import { citationOf, type Citation } from './citations';
import { citeNumbered } from '../gateway/numbered-sources';
import { mergeReasoningDetails } from './request-body';

export interface AttemptView {
  provider: string;
  model: string;
  status: string;
  httpStatus?: number;
  error?: string;
  code?: string;
  ms: number;
}

/** What is shown under an answer. */
export interface AnswerMeta {
  requestId: string;
  model: string;
  provider: string;
  promptTokens?: number;
  completionTokens?: number;
  /** Prompt tokens read from the provider's cache, and what that saved in USD. */
  cachedTokens?: number;
  cacheSaved?: number;
  reasoningTokens?: number;
  cost?: number;
  priced?: boolean;
  ttftMs?: number | null;
  totalMs?: number;
  tokensPerSec?: number;
  attempts: AttemptView[];
  route?: string;
  finishReason?: string | null;
  /** The web sources the answer cites, and the searches the provider ran for it (their cost is in `cost`). */
  citations?: Citation[];
  searches?: number;
  searchCost?: number;
}

interface Trace {
  attempts?: AttemptView[];
  route?: string;
  ttft_ms?: number | null;
  total_ms?: number;
  priced?: boolean;
}

/** Folds streamed chunks into the answer text and its metadata. */
export class AnswerBuilder {
  text = '';
  reasoning = '';
  /** What the model needs back to go on from this answer (signed thinking, thought signatures). */
  reasoningDetails: ReasoningDetail[] = [];
  meta: AnswerMeta | undefined;

  add(chunk: ChatChunk): void {
    const choice = chunk.choices[0] as
      | { delta?: { content?: string; reasoning?: string; reasoning_details?: ReasoningDetail[] }; finish_reason: string | null }
      | undefined;
    if (choice?.delta?.content) this.text += choice.delta.content;
    if (choice?.delta?.reasoning) this.reasoning += choice.delta.reasoning;
    if (choice?.delta?.reasoning_details) mergeReasoningDetails(this.reasoningDetails, choice.delta.reasoning_details);
    this.meta ??= { requestId: chunk.id, model: chunk.model, provider: chunk.provider, attempts: [] };
    const cited = ((choice?.delta as { annotations?: unknown[] } | undefined)?.annotations ?? []).map(citationOf).filter((c) => c !== undefined);
    if (cited.length) this.meta.citations = [...(this.meta.citations ?? []), ...cited];
    if (choice?.finish_reason) this.meta.finishReason = choice.finish_reason;
    const usage = chunk.usage as
      | {
          prompt_tokens?: number;
          completion_tokens?: number;
          cost?: number;
          cache_discount?: number;
          prompt_tokens_details?: { cached_tokens?: number };
          completion_tokens_details?: { reasoning_tokens?: number };
          server_tool_use?: { web_search_requests?: number };
          search_cost?: number;
        }
      | undefined;
    if (usage) {
      const trace = (chunk as { switchyard?: Trace }).switchyard;
      const streamingMs = trace?.total_ms !== undefined && trace.ttft_ms != null ? trace.total_ms - trace.ttft_ms : undefined;
      // Too short a stream to tell a rate from noise.
      const measurable = streamingMs !== undefined && streamingMs >= 100;
      Object.assign(this.meta, {
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
        cachedTokens: usage.prompt_tokens_details?.cached_tokens || undefined,
        cacheSaved: usage.cache_discount,
        reasoningTokens: usage.completion_tokens_details?.reasoning_tokens || undefined,
        cost: usage.cost,
        priced: trace?.priced,
        ttftMs: trace?.ttft_ms,
        totalMs: trace?.total_ms,
        attempts: trace?.attempts ?? [],
        route: trace?.route,
        tokensPerSec: measurable && usage.completion_tokens ? usage.completion_tokens / (streamingMs / 1000) : undefined,
        searches: usage.server_tool_use?.web_search_requests || undefined,
        searchCost: usage.search_cost,
      });
    }
  }

  /**
   * Citations that span a "[n]" mark the text still has (Perplexity's Sonar marks its sources so,
   * and the gateway cites the marks): the marks become numbered links like any search answer's.
   */
  settleMarks(): void {
    const citations = this.meta?.citations ?? [];
    const isMark = (c: Citation) => /^\[\d{1,2}\]$/.test(this.text.slice(c.start, c.end));
    if (!citations.length || !citations.every(isMark)) return;
    const byNumber = new Map(citations.map((c) => [Number(this.text.slice(c.start + 1, c.end - 1)), c]));
    const cited = citeNumbered(this.text, (n) => byNumber.get(n));
    this.text = cited.text;
    this.meta!.citations = cited.citations;
  }

  /** An answer about numbered pages (several tabs): its "[n]" marks made citations of them, shown as search answers are. */
  citeNumbered(sources: readonly { url: string; title: string }[]): void {
    const cited = citeNumbered(this.text, sources);
    if (!cited.citations.length || !this.meta) return;
    this.text = cited.text;
    this.meta.citations = [...(this.meta.citations ?? []), ...cited.citations];
  }
}

export function formatCost(usd: number | undefined, priced = true): string {
  if (usd === undefined) return '';
  if (!priced) return 'price unknown';
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(usd < 1 ? 3 : 2)}`;
}
