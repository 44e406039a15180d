import '../validation/messages';
import { annotationOf, searchCost, searchWish, withOnlineSuffix, withSearches } from './web-search';
import { adapterWithSearch, serviceSearchFor, type ServiceSearch } from './search-step';
import type { SearchProviderConfig } from './search-providers';
import { maxCostOf } from '../catalog/pricing';
import { attemptError, badResponse, reportFailure, sendUpstream, streamPartError, truncatedStream, tryInTurn, type AttemptLoopOptions } from './attempts';
import { ChunkBuilder } from './chunks';
import { AnswerCollector, answerOf, toolCallsOf } from './details';
import { abortedError } from './errors';
import { ChatRequest, type ChatCompletion, type FinishReason } from './openai-schema';
import type { EmbeddingRequest } from './embeddings-schema';
import { planRequest, type Plan, type PlanDeps } from './plan';
import { reasoningWish, type ReasoningDetail } from './reasoning';
import { requestForCandidate } from './candidate-request';
import type { CallContext, StreamPart, TokenUsage } from './providers/types';
import type { Endpoint, UsageRecord } from './record';
import { Recorder } from './recorder';
import { answeredModel, answerHeaders, traceOf, type SwitchyardTrace } from './answer-trace';
import { describeInvalid, failureResponse, readJsonBody, recorderFor, writeAhead } from './request-steps';
import type { Candidate } from './resolve';
import { isPerplexity } from './providers';
import type { RetryPolicy } from './retry';
import { textByteStream } from './text-stream';
import { isContent } from './providers/shared/streams';
import { SSE_DONE_TEXT, SSE_HEADERS, sseText } from './sse';
import { mergeTimeouts, type Timeouts, type UpstreamCall } from './upstream';
import { toOpenAiUsage } from './usage';

export interface BeforeRequestInfo {
  /** The id the usage record of this request will carry. */
  id: string;
  request: ChatRequest | EmbeddingRequest;
  source: string;
  candidates: Candidate[];
  /** Estimated prompt tokens and the most the first candidate could cost. */
  promptTokens: number;
  maxCost: number;
  route: string;
}
/** Throw (ideally a GatewayError with status 402) to refuse a request before it is sent. */
export type BeforeRequestHook = (info: BeforeRequestInfo) => void | Promise<void>;

export interface ChatDeps extends PlanDeps {
  fetch: typeof fetch;
  now: () => number;
  timeouts: Timeouts;
  retry: RetryPolicy;
  onRecord?: (record: UsageRecord) => unknown;
  beforeRequest?: BeforeRequestHook;
  onStart?: (record: UsageRecord) => void | Promise<void>;
  onProgress?: (record: UsageRecord) => void;
  progressEveryMs: number;
  /** Keep what each request received, sent and answered in its final record (`details`). */
  keepDetails?: boolean;
  /** The user's search service, for a request that asks for search and a model that has none of its own. */
  search?: SearchProviderConfig;
}

const DEFAULT_OUTPUT_CEILING = 4096;

/** The most the first candidate of a plan could cost: prompt plus the output ceiling. */
export function planMaxCost(plan: Plan): number {
  const first = plan.candidates[0];
  // Without max_tokens, assume a long answer (Anthropic's adapter sends this very ceiling) rather
  // than the model's maximum, which would make every budget refuse big models outright.
  const ceiling =
    plan.request.max_completion_tokens ?? plan.request.max_tokens ?? Math.min(first?.entry?.model.maxOutput ?? DEFAULT_OUTPUT_CEILING, DEFAULT_OUTPUT_CEILING);
  return maxCostOf(plan.promptTokens, ceiling, first?.entry?.pricing);
}

/** The most searches a request may run when it does not say (Claude's max_uses, OpenRouter's results). */
const MAX_SEARCHES = 5;

function newId(): string {
  return `chatcmpl-${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** POST …/chat/completions */
export async function handleChatCompletions(httpRequest: Request, deps: ChatDeps, served: { endpoint?: Endpoint; received?: unknown } = {}): Promise<Response> {
  const startMark = deps.now();
  const source = httpRequest.headers.get('x-switchyard-source') ?? 'api';
  const { raw, error: jsonError } = await readJsonBody(httpRequest);
  const parsed = jsonError ? undefined : ChatRequest.safeParse(raw && typeof raw === 'object' ? withOnlineSuffix(raw as Record<string, unknown>) : raw);
  // A face's request (Responses, Messages) is kept as it came, beside the chat request it became.
  const recorder = recorderFor(httpRequest, raw, newId(), deps, startMark, served.endpoint, served.received);

  try {
    if (jsonError) throw jsonError;
    if (!parsed!.success) throw describeInvalid(parsed!.error);
    if (httpRequest.signal.aborted) throw abortedError();
    let plan = planRequest(parsed!.data, deps);
    if (plan.wantsExactCount && deps.tokenizer.load) {
      await deps.tokenizer.load();
      plan = planRequest(parsed!.data, deps);
    }
    recorder.route = plan.route;
    for (const { candidate, code, reason } of plan.skipped) recorder.skip(candidate, code, reason);
    const { request, candidates, promptTokens } = plan;
    const wish = searchWish(request);
    // Priced whenever a provider searched: asked to, or on its own (Sonar searches every request).
    recorder.priceSearches = (candidate, searches) => searchCost(candidate, searches, wish);
    if (deps.beforeRequest) {
      // The hold covers the searches too: as many as a request may run, at the dearest candidate's fee.
      const searches = (c: Candidate) => (wish || isPerplexity(c.provider) ? searchCost(c, wish?.maxUses ?? MAX_SEARCHES, wish) : 0);
      const searchHold = Math.max(0, ...candidates.map(searches));
      await deps.beforeRequest({ id: recorder.id, request, source, candidates, promptTokens, maxCost: planMaxCost(plan) + searchHold, route: plan.route });
    }
    await writeAhead(deps.onStart, recorder, candidates[0], promptTokens);
    const search = serviceSearchFor(request, candidates, recorder, deps, httpRequest.signal);
    const context = { request, candidates, recorder, deps, signal: httpRequest.signal, promptTokens, search };
    return request.stream ? await streamChat(context) : await completeChat(context);
  } catch (caught) {
    return failureResponse(recorder, caught);
  }
}

interface ChatContext {
  request: ChatRequest;
  candidates: Candidate[];
  recorder: Recorder;
  deps: ChatDeps;
  signal: AbortSignal;
  promptTokens: number;
  /** The user's search service, for the candidates that cannot search on their own. */
  search?: ServiceSearch;
}

function callContext(candidate: Candidate, stream: boolean, deps: ChatDeps, promptTokens: number): CallContext {
  const model = candidate.entry?.model;
  return {
    provider: candidate.provider,
    model: candidate.model,
    stream,
    fetch: deps.fetch,
    promptTokens,
    ...(model && !model.contextAssumed ? { contextLength: model.contextLength } : {}),
  };
}

function loopOptions({ deps, signal, request }: ChatContext): AttemptLoopOptions {
  return {
    signal,
    now: deps.now,
    health: deps.health,
    retry: deps.retry,
    timeoutsFor: (candidate) => mergeTimeouts(deps.timeouts, candidate.provider.timeouts, request.timeouts),
  };
}

/** With `reasoning.exclude`, the thinking text is kept from the client; opaque entries it must send back are not. */
function shownDetails(details: ReasoningDetail[] | undefined, hide: boolean): ReasoningDetail[] {
  return (details ?? []).filter((d) => !hide || d.type === 'reasoning.encrypted');
}

async function completeChat(context: ChatContext): Promise<Response> {
  const { request, candidates, recorder, deps, promptTokens } = context;
  const {
    value: completion,
    candidate,
    call,
    startedMark,
  } = await tryInTurn(candidates, recorder, loopOptions(context), async (candidate, call) => {
    const adapter = await adapterWithSearch(candidate, request, context.search);
    const ctx = callContext(candidate, false, deps, promptTokens);
    const upstream = await adapter.buildRequest(requestForCandidate(request, candidate), ctx);
    call.waitHeaders();
    const response = await sendUpstream(upstream, call, deps.fetch, adapter, candidate.provider.id);
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw error instanceof SyntaxError ? badResponse(candidate.provider.id, 'the body is not JSON') : attemptError(error, call, candidate.provider.id);
    }
    const embedded = (json as { error?: unknown; choices?: unknown } | null)?.error;
    if (embedded && !(json as { choices?: unknown }).choices) {
      const details = adapter.parseError(502, JSON.stringify(json));
      throw streamPartError({ type: 'error', message: details.message, code: details.code }, candidate.provider.id);
    }
    return adapter.parseResponse(json, ctx);
  });
  call.dispose();
  recorder.markFirstToken();
  recorder.attempt(candidate, 'ok', startedMark, undefined, call);
  if (recorder.keepsDetails) recorder.answer = answerOf(completion.text ?? '', completion.reasoning, toolCallsOf(completion.toolCalls));
  const elapsed = deps.now() - startedMark;
  deps.health.success(candidate.provider.id, candidate.model, {
    ttftMs: elapsed,
    tokensPerSec: elapsed > 0 ? completion.usage.completion / (elapsed / 1000) : undefined,
  });
  completion.usage = withSearches(completion.usage, searchWish(request), candidate);
  const { cost, cacheSaved, searchCost: searched } = recorder.costOf(completion.usage, candidate);
  const record = recorder.finish({ status: 'ok', candidate, usage: completion.usage, finishReason: completion.finishReason });
  const hide = reasoningWish(request)?.exclude === true;
  const details = shownDetails(completion.reasoningDetails, hide);
  const body: ChatCompletion & { switchyard?: SwitchyardTrace } = {
    id: record?.id ?? newId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: answeredModel(candidate),
    provider: candidate.provider.id,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: completion.text,
          ...(completion.reasoning && !hide ? { reasoning: completion.reasoning } : {}),
          ...(details.length ? { reasoning_details: details } : {}),
          ...(completion.toolCalls.length > 0 ? { tool_calls: completion.toolCalls } : {}),
          ...(completion.citations?.length ? { annotations: completion.citations.map(annotationOf) } : {}),
          refusal: null,
        },
        finish_reason: completion.finishReason,
        logprobs: null,
      },
    ],
    usage: toOpenAiUsage(completion.usage, cost, cacheSaved, searched),
    ...(record ? { switchyard: { ...traceOf(record), ...(completion.searchQueries?.length ? { search_queries: completion.searchQueries } : {}) } } : {}),
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...answerHeaders(candidate, request, Boolean(context.search?.found)) } });
}

interface OpenedStream {
  parts: AsyncIterator<StreamPart[]>;
  buffered: StreamPart[];
  ended: boolean;
}

/** Opens the upstream stream and reads up to the first token, so failures before it can fall back. */
async function openStream(request: ChatRequest, candidate: Candidate, call: UpstreamCall, deps: ChatDeps, promptTokens: number, search?: ServiceSearch): Promise<OpenedStream> {
  const adapter = await adapterWithSearch(candidate, request, search);
  const ctx = callContext(candidate, true, deps, promptTokens);
  const upstream = await adapter.buildRequest(requestForCandidate(request, candidate), ctx);
  call.waitHeaders();
  const response = await sendUpstream(upstream, call, deps.fetch, adapter, candidate.provider.id);
  if (!response.body) throw badResponse(candidate.provider.id, 'an empty body');
  const parts = adapter.parseStream(response.body, ctx)[Symbol.asyncIterator]();
  const buffered: StreamPart[] = [];
  for (;;) {
    const next = await parts.next();
    if (next.done) {
      if (!buffered.some((p) => p.type === 'finish')) throw truncatedStream(candidate.provider.id);
      return { parts, buffered, ended: true };
    }
    for (const part of next.value) {
      // An error before any token: this attempt failed, and another may be tried.
      if (part.type === 'error' && !buffered.some(isContent)) throw streamPartError(part, candidate.provider.id);
      buffered.push(part);
    }
    if (buffered.some((p) => isContent(p) || p.type === 'finish')) return { parts, buffered, ended: false };
  }
}

async function streamChat(context: ChatContext): Promise<Response> {
  const { request, candidates, recorder, deps, promptTokens } = context;
  const opened = await tryInTurn(candidates, recorder, loopOptions(context), (candidate, call) => openStream(request, candidate, call, deps, promptTokens, context.search));
  const { candidate, call, startedMark } = opened;
  const { parts, buffered, ended } = opened.value;
  const provider = candidate.provider.id;
  const builder = new ChunkBuilder(recorder.id, Math.floor(Date.now() / 1000), answeredModel(candidate), provider);
  let finishReason: FinishReason | undefined;
  let usage: TokenUsage | undefined;
  let firstTokenMark: number | undefined;
  const queries: string[] = [];
  const hideReasoning = reasoningWish(request)?.exclude === true;
  const collector = recorder.keepsDetails ? new AnswerCollector() : undefined;

  const estimatedUsage = (): TokenUsage => ({
    prompt: promptTokens,
    completion: Math.ceil(builder.outputChars / 4),
    cached: 0,
    cacheWrite: 0,
    reasoning: 0,
  });

  let lastProgress = Number.NEGATIVE_INFINITY;
  /** Tells the ledger how far the answer got, now and then, in case the worker is stopped mid-stream. */
  function progress(force = false) {
    if (!deps.onProgress) return;
    const at = deps.now();
    if (!force && at - lastProgress < deps.progressEveryMs) return;
    lastProgress = at;
    try {
      deps.onProgress(recorder.snapshot({ candidate, usage: usage ?? estimatedUsage(), usageEstimated: !usage, finishReason }, { candidate, startedMark }));
    } catch {
      // Progress is best effort; the final record is what counts.
    }
  }

  /** The SSE text of a batch of parts; an error part throws, after the text before it is kept. */
  let carried = '';
  function emit(parts: StreamPart[]): string {
    let text = '';
    for (const part of parts) {
      collector?.add(part);
      if (part.type === 'finish') finishReason = part.reason;
      else if (part.type === 'usage') usage = part.usage;
      else if (part.type === 'search') queries.push(part.query);
      else if (part.type === 'error') {
        carried = text;
        throw streamPartError(part, provider);
      } else if (hideReasoning && (part.type === 'reasoning' || (part.type === 'reasoning-detail' && shownDetails([part.detail], true).length === 0))) {
        continue;
      } else {
        const event = builder.sse(part);
        if (event) {
          if (firstTokenMark === undefined) {
            recorder.markFirstToken();
            firstTokenMark = deps.now();
          }
          text += event;
        }
      }
    }
    return text;
  }

  async function* produce(): AsyncGenerator<string> {
    try {
      const first = emit(buffered);
      progress(true);
      if (first) yield first;
      if (!ended) {
        for (;;) {
          call.waitNextChunk();
          const next = await parts.next();
          if (next.done) break;
          const text = emit(next.value);
          progress();
          if (text) yield text;
        }
      }
      if (!finishReason) throw truncatedStream(provider);
      call.dispose();
      const finalUsage = withSearches(usage ?? estimatedUsage(), searchWish(request), candidate);
      recorder.attempt(candidate, 'ok', startedMark, undefined, call);
      if (collector) recorder.answer = collector.answer();
      const record = recorder.finish({ status: 'ok', candidate, usage: finalUsage, usageEstimated: !usage, finishReason });
      const end = deps.now();
      const streaming = end - (firstTokenMark ?? end);
      deps.health.success(candidate.provider.id, candidate.model, {
        ttftMs: (firstTokenMark ?? end) - startedMark,
        tokensPerSec: streaming > 0 ? finalUsage.completion / (streaming / 1000) : undefined,
      });
      const { cost, cacheSaved, searchCost: searched } = recorder.costOf(finalUsage, candidate);
      await recorder.recorded();
      // The end, the usage and [DONE] as one piece: the body's reader and writer go round once.
      yield sseText(builder.finish(finishReason)) +
        sseText({
          ...builder.usage(toOpenAiUsage(finalUsage, cost, cacheSaved, searched)),
          ...(record ? { switchyard: { ...traceOf(record), ...(queries.length ? { search_queries: queries } : {}) } } : {}),
        }) +
        SSE_DONE_TEXT;
    } catch (caught) {
      const error = attemptError(caught, call, provider);
      call.abort(error);
      const aborted = error.code === 'aborted';
      reportFailure(deps.health, candidate, error);
      recorder.attempt(candidate, aborted ? 'aborted' : 'error', startedMark, error, call);
      if (collector) recorder.answer = collector.answer();
      recorder.finish({ status: aborted ? 'aborted' : 'error', candidate, usage: usage ?? estimatedUsage(), usageEstimated: !usage, error, finishReason });
      if (!aborted) {
        await recorder.recorded();
        yield carried + sseText(error.toBody());
      }
    } finally {
      if (!recorder.finished) {
        // The reader cancelled the body while this generator waited at a yield.
        call.abort(abortedError());
        deps.health.release(provider, candidate.model);
        recorder.attempt(candidate, 'aborted', startedMark, abortedError(), call);
        if (collector) recorder.answer = collector.answer();
        recorder.finish({ status: 'aborted', candidate, usage: usage ?? estimatedUsage(), usageEstimated: !usage, error: abortedError() });
      }
      call.dispose();
    }
  }

  const body = textByteStream(produce(), () => call.abort(abortedError()));
  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...answerHeaders(candidate, request, Boolean(context.search?.found)) } });
}
