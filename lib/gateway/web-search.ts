import type { ChatRequest, UrlCitationAnnotation } from './openai-schema';
import type { Citation, TokenUsage } from './providers/types';
import type { Candidate } from './resolve';

/**
 * Web search, one way in for every client: OpenAI's `web_search_options`, OpenRouter's `web`
 * plugin and `:online` model suffix (the Responses API's web_search tool and the Messages API's
 * web search tool become `web_search_options` in their faces). Each provider that searches on its
 * own (Claude's web search tool, Gemini's Google Search grounding, OpenAI's search, OpenRouter's
 * web plugin) is asked in its own shape; its citations come back as OpenAI's url_citation
 * annotations, its searches priced apart.
 */
export interface SearchWish {
  /** How much of what was found goes to the model: OpenAI's search_context_size. */
  contextSize?: 'low' | 'medium' | 'high';
  /** The most searches (Claude) or results (OpenRouter) one request may use. */
  maxUses?: number;
  userLocation?: { city?: string; region?: string; country?: string; timezone?: string };
}

type Raw = ChatRequest & { web_search_options?: unknown; plugins?: unknown };

/** What the request asks of web search, or undefined when it asks for none. */
export function searchWish(request: ChatRequest): SearchWish | undefined {
  const raw = request as Raw;
  const plugin = Array.isArray(raw.plugins) ? (raw.plugins as { id?: unknown; max_results?: unknown }[]).find((p) => p?.id === 'web') : undefined;
  const options = raw.web_search_options && typeof raw.web_search_options === 'object' ? (raw.web_search_options as Record<string, unknown>) : undefined;
  if (!plugin && !options) return undefined;
  const size = options?.search_context_size;
  const approximate = (options?.user_location as { approximate?: SearchWish['userLocation'] } | undefined)?.approximate;
  return {
    ...(size === 'low' || size === 'medium' || size === 'high' ? { contextSize: size } : {}),
    ...(typeof plugin?.max_results === 'number' ? { maxUses: plugin.max_results } : {}),
    ...(approximate ? { userLocation: approximate } : {}),
  };
}

const ONLINE = /:online$/;

/**
 * OpenRouter's `:online` suffix, on the model or any fallback, as a web search wish: the models
 * are named without it, and the request asks for search if it did not already.
 */
export function withOnlineSuffix(body: Record<string, unknown>): Record<string, unknown> {
  const models = Array.isArray(body.models) ? (body.models as unknown[]) : [];
  const online = (typeof body.model === 'string' && ONLINE.test(body.model)) || models.some((m) => typeof m === 'string' && ONLINE.test(m));
  if (!online) return body;
  const strip = (m: unknown) => (typeof m === 'string' ? m.replace(ONLINE, '') : m);
  return { ...body, model: strip(body.model), ...(models.length ? { models: models.map(strip) } : {}), web_search_options: body.web_search_options ?? {} };
}

/** OpenAI's chat models that search on their own (the rest search through its Responses API). */
export const isOpenAiSearchModel = (model: string) => /search/.test(model);

/** Whether a candidate's provider searches on its own for this model. */
export function searchesOnItsOwn(candidate: Candidate): boolean {
  const { kind } = candidate.provider;
  const preset = candidate.provider.preset ?? candidate.provider.id;
  if (kind === 'anthropic' || kind === 'gemini') return true;
  return kind === 'openai' && (preset === 'openai' || preset === 'openrouter' || preset === 'team' || preset === 'perplexity');
}

/**
 * The searches a request ran: as the provider counted them, or, where it bills a search per
 * request without counting (OpenRouter's web plugin, OpenAI's search models), one.
 */
export function withSearches(usage: TokenUsage, wish: SearchWish | undefined, candidate: Candidate): TokenUsage {
  if (!wish || usage.searches || candidate.provider.kind !== 'openai') return usage;
  const preset = candidate.provider.preset ?? candidate.provider.id;
  return preset === 'openrouter' || (preset === 'openai' && isOpenAiSearchModel(candidate.model)) ? { ...usage, searches: 1 } : usage;
}

/** A citation as OpenAI's chat completions annotate content. */
export const annotationOf = (citation: Citation): UrlCitationAnnotation => ({
  type: 'url_citation',
  url_citation: { url: citation.url, title: citation.title, start_index: citation.start, end_index: citation.end },
});

/** A url_citation annotation as a citation; undefined for any other kind. */
export const citationOf = (annotation: unknown): Citation | undefined => {
  const a = annotation as { type?: unknown; url_citation?: { url?: unknown; title?: unknown; start_index?: unknown; end_index?: unknown } } | null;
  const c = a?.type === 'url_citation' ? a.url_citation : undefined;
  if (!c || typeof c.url !== 'string') return undefined;
  return { url: c.url, title: typeof c.title === 'string' ? c.title : c.url, start: Number(c.start_index) || 0, end: Number(c.end_index) || 0 };
};

/**
 * What one request's searches cost, in USD, as each provider bills them (public price pages,
 * checked 2026-12): Claude $10 per 1,000 searches; Gemini's Google Search grounding $35 per 1,000
 * grounded requests (Gemini 3: $14 per 1,000 search queries); OpenAI's web search $10 per 1,000
 * calls; OpenRouter's web plugin $4 per 1,000 results (5 results unless asked otherwise).
 */
/**
 * Perplexity bills each Sonar request's searching by the search context size (its pricing page,
 * June 25, 2026): per 1,000 requests, Sonar $5 / $8 / $12 (low / medium / high), Sonar Pro and
 * Sonar Reasoning Pro $6 / $10 / $14, Sonar Deep Research $5 per 1,000 searches. Low unless asked.
 */
function perplexityRequestFee(model: string, size: SearchWish['contextSize'] = 'low'): number {
  const fees = /sonar-(pro|reasoning)/.test(model) ? { low: 6, medium: 10, high: 14 } : /deep-research/.test(model) ? { low: 5, medium: 5, high: 5 } : { low: 5, medium: 8, high: 12 };
  return fees[size] / 1000;
}

export function searchCost(candidate: Candidate, searches: number, wish: SearchWish | undefined): number {
  if (searches <= 0) return 0;
  const preset = candidate.provider.preset ?? candidate.provider.id;
  const { kind } = candidate.provider;
  let usd = 0;
  if (kind === 'anthropic') usd = (searches * 10) / 1000;
  else if (kind === 'gemini') usd = /gemini-3/.test(candidate.model) ? (searches * 14) / 1000 : 35 / 1000;
  else if (preset === 'openrouter') usd = ((wish?.maxUses ?? 5) * 4) / 1000;
  else if (preset === 'openai') usd = (searches * 10) / 1000;
  else if (preset === 'perplexity') usd = perplexityRequestFee(candidate.model, wish?.contextSize);
  return Math.round(usd * 1e8) / 1e8;
}
