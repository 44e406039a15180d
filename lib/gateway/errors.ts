/** OpenAI-shaped errors with the statuses of the gateway contract. */

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'timeout_error'
  | 'provider_error'
  | 'aborted'
  | 'api_error';

export interface ErrorBody {
  error: { message: string; type: ErrorType; code: string; param: string | null; provider?: string };
}

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly extra: { param?: string; provider?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  toBody(): ErrorBody {
    const { param, provider } = this.extra;
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        // OpenAI always sends param (null when no one parameter is at fault); strict clients expect it.
        param: param ?? null,
        ...(provider !== undefined ? { provider } : {}),
      },
    };
  }
}

export const badRequest = (message: string, param?: string, code = 'invalid_request') =>
  new GatewayError(400, 'invalid_request_error', code, message, { param });

export const unsupported = (provider: string, what: string, param?: string) =>
  new GatewayError(400, 'invalid_request_error', 'unsupported_parameter', `${provider} does not support ${what}.`, {
    provider,
    ...(param ? { param } : {}),
  });

export function errorResponse(error: GatewayError, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(error.toBody()), {
    status: error.status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Maps a provider's HTTP status to the gateway's status, type and code. */
export function fromProviderStatus(status: number): { status: number; type: ErrorType; code: string } {
  if (status === 400 || status === 422) return { status: 400, type: 'invalid_request_error', code: 'provider_bad_request' };
  if (status === 401) return { status: 401, type: 'authentication_error', code: 'invalid_api_key' };
  if (status === 402) return { status: 402, type: 'insufficient_quota', code: 'provider_quota' };
  if (status === 403) return { status: 401, type: 'permission_error', code: 'permission_denied' };
  if (status === 404) return { status: 404, type: 'not_found_error', code: 'model_not_found' };
  if (status === 408 || status === 504) return { status: 504, type: 'timeout_error', code: 'provider_timeout' };
  if (status === 413) return { status: 400, type: 'invalid_request_error', code: 'request_too_large' };
  if (status === 429) return { status: 429, type: 'rate_limit_error', code: 'rate_limited' };
  if (status === 503 || status === 529) return { status: 503, type: 'provider_error', code: 'provider_overloaded' };
  return { status: 502, type: 'provider_error', code: 'provider_error' };
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const CONTEXT_LENGTH = /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|input is too long|exceeds the (maximum|context)/i;

/** Builds the gateway error for a provider's failed HTTP answer, keeping the provider's own words. */
export function providerHttpError(
  provider: string,
  status: number,
  providerMessage: string,
  providerCode: string | undefined,
  retryAfter: string | null,
): GatewayError {
  const mapped = fromProviderStatus(status);
  const contextLength = mapped.status === 400 && CONTEXT_LENGTH.test(providerMessage);
  const code = contextLength ? 'context_length_exceeded' : mapped.code;
  const label = providerCode ? `HTTP ${status} ${providerCode}` : `HTTP ${status}`;
  return new GatewayError(mapped.status, mapped.type, code, `${provider} (${label}): ${providerMessage}`, {
    provider,
    retryAfterMs: parseRetryAfter(retryAfter),
  });
}

export function networkError(provider: string, error: unknown): GatewayError {
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new GatewayError(502, 'provider_error', 'connection_failed', `${provider}: could not connect (${detail}).`, {
    provider,
  });
}

export const abortedError = () => new GatewayError(499, 'aborted', 'aborted', 'The request was aborted by the caller.');

export function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError(500, 'api_error', 'internal_error', `Switchyard internal error: ${message}`);
}
