import '../validation/messages';
import * as z from 'zod/mini';
import { abortedError, asGatewayError, GatewayError, networkError, providerHttpError, fromProviderStatus } from './errors';
import { isPerplexity, loadAdapter } from './providers';
import { MalformedStreamError } from './providers/shared/streams';
import type { ProviderAdapter, StreamPart, UpstreamRequest } from './providers/types';
import type { Recorder } from './recorder';
import type { ChatRequest } from './openai-schema';
import { isOpenAiSearchModel, searchWish } from './web-search';
import type { Candidate } from './resolve';
import type { FailureScope, HealthTracker } from './health';
import { isRetryable, retryDelay, sleep, type RetryPolicy } from './retry';
import type { Timeouts } from './upstream';
import { UpstreamCall } from './upstream';

/** The adapter that speaks to a candidate: its provider's, or the Responses API's for the models only that serves. */
export function adapterFor(candidate: Candidate, request?: ChatRequest): Promise<ProviderAdapter> {
  const preset = candidate.provider.preset ?? candidate.provider.id;
  // OpenAI's chat models search only as its search models; the others search through its Responses API.
  const searches = request !== undefined && preset === 'openai' && searchWish(request) !== undefined && !isOpenAiSearchModel(candidate.model);
  const responses = candidate.provider.kind === 'openai' && (candidate.entry?.endpoint.api === 'responses' || searches);
  if (isPerplexity(candidate.provider)) return loadAdapter('perplexity');
  return loadAdapter(responses ? 'openai-responses' : candidate.provider.kind);
}

export const badResponse = (provider: string, detail: string) =>
  new GatewayError(502, 'provider_error', 'provider_bad_response', `${provider} sent an answer Switchyard could not read: ${detail}`, {
    provider,
  });

/** Any failure during an attempt, as a gateway error that names the provider. */
export function attemptError(error: unknown, call: UpstreamCall, provider: string): GatewayError {
  const aborted = call.abortReason;
  if (aborted) return aborted;
  if (error instanceof GatewayError) return error;
  if (error instanceof MalformedStreamError) return badResponse(provider, error.message);
  if (error instanceof z.core.$ZodError) return badResponse(provider, z.prettifyError(error).replace(/\n/g, '; '));
  if (error instanceof TypeError && /fetch|network|terminated|socket|ECONN|other side closed/i.test(`${error.message} ${String(error.cause ?? '')}`)) {
    return networkError(provider, error);
  }
  if (error instanceof Error && /terminated|aborted|ECONNRESET|socket hang up|other side closed/i.test(error.message)) {
    return new GatewayError(502, 'provider_error', 'connection_lost', `${provider}: the connection was cut (${error.message}).`, { provider });
  }
  return asGatewayError(error);
}

/** A stream's error event as a gateway error. */
export function streamPartError(part: Extract<StreamPart, { type: 'error' }>, provider: string): GatewayError {
  const mapped = part.status ? fromProviderStatus(part.status) : { status: 502, type: 'provider_error' as const, code: 'provider_stream_error' };
  const label = part.code ? ` (${part.code})` : '';
  return new GatewayError(mapped.status, mapped.type, mapped.code, `${provider}${label}: ${part.message}`, { provider });
}

export const truncatedStream = (provider: string) =>
  new GatewayError(502, 'provider_error', 'stream_truncated', `${provider}: the stream ended before the answer was complete.`, {
    provider,
  });

/** Sends one upstream request; a non-2xx answer becomes the provider's error, in the gateway's shape. */
export async function sendUpstream(
  upstream: UpstreamRequest,
  call: UpstreamCall,
  fetchImpl: typeof fetch,
  adapter: ProviderAdapter,
  provider: string,
): Promise<Response> {
  let response: Response;
  call.sent = upstream;
  call.sentAt = Date.now();
  try {
    response = await fetchImpl(upstream.url, { ...upstream.init, signal: call.signal });
  } catch (error) {
    throw call.abortReason ?? networkError(provider, error);
  }
  call.headersArrived();
  if (!response.ok) {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw call.abortReason ?? networkError(provider, error);
    }
    call.failedWith = { status: response.status, body: text };
    const details = adapter.parseError(response.status, text);
    const status = details.status ?? response.status;
    throw providerHttpError(provider, status, details.message, details.code, response.headers.get('retry-after'));
  }
  return response;
}

const FALLBACK_CODES = new Set([
  'connection_failed',
  'connection_lost',
  'context_length_exceeded',
  'unsupported_parameter',
  'provider_bad_response',
  'stream_truncated',
  'timeout',
]);

/** Whether another provider or model might succeed where this attempt failed. */
export function canFallBack(error: GatewayError): boolean {
  if (error.code === 'aborted') return false;
  if (FALLBACK_CODES.has(error.code)) return true;
  return error.status !== 400 && error.status !== 499;
}

/** The error for a request whose attempts all failed. */
export function finalError(errors: GatewayError[]): GatewayError {
  const last = errors.at(-1)!;
  if (errors.length === 1 || !canFallBack(last)) return last;
  const statuses = new Set(errors.map((e) => e.status));
  const status = statuses.size === 1 ? last.status : errors.every((e) => e.status === 503) ? 503 : 502;
  const type = statuses.size === 1 ? last.type : 'provider_error';
  const summary = errors.map((e) => e.message).join(' | ');
  return new GatewayError(status, type, statuses.size === 1 ? last.code : 'all_providers_failed', `All ${errors.length} attempts failed: ${summary}`, {
    retryAfterMs: last.extra.retryAfterMs,
  });
}

export interface AttemptSuccess<T> {
  value: T;
  candidate: Candidate;
  call: UpstreamCall;
  startedMark: number;
}

export interface AttemptLoopOptions {
  signal: AbortSignal | undefined;
  timeoutsFor: (candidate: Candidate) => Timeouts;
  now: () => number;
  health: HealthTracker;
  retry: RetryPolicy;
}

const HOST_CODES = new Set(['connection_failed', 'invalid_api_key', 'permission_denied', 'provider_quota']);

/**
 * Which breaker a failure counts against: the provider's (it cannot be reached, or refuses the
 * key or the account) or only this model's there (5xx, overloaded, 429, timeouts, broken
 * answers). Failures that say nothing about health (a bad request, an abort) count nowhere.
 */
export function failureScope(error: GatewayError): FailureScope | undefined {
  if (error.code === 'aborted') return undefined;
  if (HOST_CODES.has(error.code) || error.status === 401) return 'host';
  return isRetryable(error) ? 'model' : undefined;
}

/** Books an attempt's failure on the breaker it belongs to. */
export function reportFailure(health: HealthTracker, candidate: Candidate, error: GatewayError): void {
  const scope = failureScope(error);
  if (scope) health.failure(candidate.provider.id, candidate.model, `${error.status} ${error.code}`, scope);
  else health.release(candidate.provider.id, candidate.model);
}

const isKeyProblem = (error: GatewayError) => error.status === 401 || error.status === 402 || error.code === 'permission_denied';

/**
 * Tries each candidate in turn; candidates that failed in a way a later try might fix get
 * further rounds after a backoff (or the provider's Retry-After), within the retry budget.
 * A bad key rules out its provider; a bad request stops everything. When every candidate is
 * cooling down, the one whose cooldown ends first is tried anyway (Envoy's panic threshold):
 * a request is never refused unsent only because of earlier failures.
 */
export async function tryInTurn<T>(
  candidates: Candidate[],
  recorder: Recorder,
  options: AttemptLoopOptions,
  attempt: (candidate: Candidate, call: UpstreamCall) => Promise<T>,
): Promise<AttemptSuccess<T>> {
  const errors: GatewayError[] = [];
  const badKeys = new Set<string>();
  const deadline = options.now() + options.retry.budgetMs;
  const cooling: { candidate: Candidate; retryInMs: number }[] = [];
  let attempted = 0;
  let pending = candidates;
  let again: { candidate: Candidate; error: GatewayError }[] = [];

  async function tryOne(candidate: Candidate): Promise<AttemptSuccess<T> | undefined> {
    const provider = candidate.provider.id;
    attempted++;
    const startedMark = options.now();
    const call = new UpstreamCall(options.signal, options.timeoutsFor(candidate), provider);
    try {
      return { value: await attempt(candidate, call), candidate, call, startedMark };
    } catch (caught) {
      const error = attemptError(caught, call, provider);
      call.abort(error);
      const aborted = error.code === 'aborted';
      recorder.attempt(candidate, aborted ? 'aborted' : 'error', startedMark, error, call);
      reportFailure(options.health, candidate, error);
      if (aborted) throw error;
      errors.push(error);
      if (!canFallBack(error)) throw error;
      if (isKeyProblem(error)) badKeys.add(provider);
      if (isRetryable(error)) again.push({ candidate, error });
      return undefined;
    }
  }

  for (let round = 0; ; round++) {
    again = [];
    for (const candidate of pending) {
      const provider = candidate.provider.id;
      if (badKeys.has(provider)) {
        recorder.skip(candidate, 'key_failed', `the ${provider} key was already refused`);
        continue;
      }
      const admitted = options.health.admit(provider, candidate.model);
      if (!admitted.ok) {
        recorder.skip(candidate, 'circuit_open', admitted.reason);
        cooling.push({ candidate, retryInMs: admitted.retryInMs });
        continue;
      }
      const done = await tryOne(candidate);
      if (done) return done;
    }
    if (round === 0 && attempted === 0 && cooling.length > 0) {
      const due = cooling.reduce((a, b) => (b.retryInMs < a.retryInMs ? b : a));
      recorder.route = [recorder.route, `every candidate was paused: tried ${due.candidate.provider.id}/${due.candidate.model}, due first`]
        .filter(Boolean)
        .join(' · ');
      options.health.forceProbe(due.candidate.provider.id, due.candidate.model);
      const done = await tryOne(due.candidate);
      if (done) return done;
    }
    if (again.length === 0 || round >= options.retry.maxRetries) break;
    const waits = again
      // A candidate whose breaker has just opened would only be skipped after the wait.
      .filter(({ candidate }) => !options.health.isOpen(candidate.provider.id, candidate.model))
      .map(({ candidate, error }) => ({ candidate, wait: retryDelay(round, options.retry, error.extra.retryAfterMs) }))
      .filter((w): w is { candidate: Candidate; wait: number } => w.wait !== undefined);
    if (waits.length === 0) break;
    const wait = Math.min(...waits.map((w) => w.wait));
    if (options.now() + wait > deadline) break;
    try {
      await sleep(wait, options.signal);
    } catch {
      throw abortedError();
    }
    pending = waits.filter((w) => w.wait <= wait + options.retry.baseDelayMs).map((w) => w.candidate);
  }

  if (errors.length === 0) throw new GatewayError(503, 'provider_error', 'no_provider_available', 'No provider could take this request.');
  throw finalError(errors);
}
