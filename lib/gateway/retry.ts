import type { GatewayError } from './errors';

export interface RetryPolicy {
  /** Extra rounds over the candidates that failed with a retryable error. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller gets the 429 and the header. */
  maxRetryAfterMs: number;
  /** All attempts and waits of one request together. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 20_000, budgetMs: 60_000 };

const RETRYABLE_CODES = new Set(['connection_failed', 'connection_lost', 'stream_truncated', 'timeout', 'provider_bad_response']);

/** Whether the same provider may answer if asked again a little later. */
export function isRetryable(error: GatewayError): boolean {
  if (error.code === 'provider_unavailable') return false;
  if (RETRYABLE_CODES.has(error.code)) return true;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

/**
 * How long to wait before retry round `round` (0-based): the provider's Retry-After when it sent
 * one (undefined when it is over the cap), else exponential backoff with jitter.
 */
export function retryDelay(round: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** round);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
