import { z } from 'zod';
import { asGatewayError, GatewayError, networkError, providerHttpError, fromProviderStatus } from './errors';
import { ADAPTERS } from './providers';
import { MalformedStreamError } from './providers/shared/streams';
import type { ProviderAdapter, StreamPart, UpstreamRequest } from './providers/types';
import type { Recorder } from './recorder';
import type { Candidate } from './resolve';
import type { Timeouts } from './upstream';
import { UpstreamCall } from './upstream';

export function adapterFor(candidate: Candidate): ProviderAdapter {
  return ADAPTERS[candidate.provider.kind];
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
  if (error instanceof z.ZodError) return badResponse(provider, z.prettifyError(error).replace(/\n/g, '; '));
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
  try {
    response = await fetchImpl(upstream.url, { ...upstream.init, signal: call.signal });
  } catch (error) {
    throw call.abortReason ?? networkError(provider, error);
  }
  if (!response.ok) {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw call.abortReason ?? networkError(provider, error);
    }
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

/** Tries each candidate in turn until one succeeds or a failure would repeat anywhere. */
export async function tryInTurn<T>(
  candidates: Candidate[],
  recorder: Recorder,
  options: { signal: AbortSignal | undefined; timeouts: Timeouts; now: () => number },
  attempt: (candidate: Candidate, call: UpstreamCall) => Promise<T>,
): Promise<AttemptSuccess<T>> {
  const errors: GatewayError[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const startedMark = options.now();
    const call = new UpstreamCall(options.signal, options.timeouts, candidate.provider.id);
    try {
      return { value: await attempt(candidate, call), candidate, call, startedMark };
    } catch (caught) {
      const error = attemptError(caught, call, candidate.provider.id);
      call.abort(error);
      const aborted = error.code === 'aborted';
      recorder.attempt(candidate, aborted ? 'aborted' : 'error', startedMark, error);
      if (aborted) throw error;
      errors.push(error);
      if (!canFallBack(error) || index === candidates.length - 1) break;
    }
  }
  throw finalError(errors);
}
