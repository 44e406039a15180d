import { abortedError, GatewayError } from './errors';

/** Milliseconds; 0 turns a limit off. */
export interface Timeouts {
  /** From sending the request to the response headers. */
  connectMs: number;
  /** From sending the request to the first token (or the whole answer, without streaming). */
  firstTokenMs: number;
  /** Longest silence between two stream chunks. */
  idleMs: number;
  /** The whole attempt. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 30_000, firstTokenMs: 120_000, idleMs: 60_000, totalMs: 600_000 };

/** Gateway defaults, then the provider's limits, then the request's own. */
export function mergeTimeouts(
  base: Timeouts,
  provider: Partial<Timeouts> | undefined,
  request: { connect_ms?: number; first_token_ms?: number; idle_ms?: number; total_ms?: number } | undefined,
): Timeouts {
  return {
    connectMs: request?.connect_ms ?? provider?.connectMs ?? base.connectMs,
    firstTokenMs: request?.first_token_ms ?? provider?.firstTokenMs ?? base.firstTokenMs,
    idleMs: request?.idle_ms ?? provider?.idleMs ?? base.idleMs,
    totalMs: request?.total_ms ?? provider?.totalMs ?? base.totalMs,
  };
}

const timeoutError = (provider: string, what: string, ms: number) =>
  new GatewayError(504, 'timeout_error', 'timeout', `${provider}: no ${what} within ${Math.round(ms / 100) / 10} s.`, { provider });

/**
 * The abort controller of one upstream attempt: aborted by the caller's signal, or by a
 * timeout, with the reason kept as a gateway error.
 */
export class UpstreamCall {
  readonly controller = new AbortController();
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly totalTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = () => this.abort(abortedError());

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeouts: Timeouts,
    private readonly provider: string,
  ) {
    if (callerSignal?.aborted) this.abort(abortedError());
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (timeouts.totalMs > 0) {
      this.totalTimer = setTimeout(() => this.abort(timeoutError(provider, 'complete answer', timeouts.totalMs)), timeouts.totalMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The gateway error behind an abort, if this call was aborted. */
  get abortReason(): GatewayError | undefined {
    const reason: unknown = this.controller.signal.reason;
    return this.controller.signal.aborted ? (reason instanceof GatewayError ? reason : abortedError()) : undefined;
  }

  /** Arms the connect limit and, beside it, the first-token limit (which keeps running after the headers). */
  waitHeaders(): void {
    if (this.timeouts.connectMs > 0) {
      this.connectTimer = setTimeout(() => this.abort(timeoutError(this.provider, 'response headers', this.timeouts.connectMs)), this.timeouts.connectMs);
    }
    this.waitFirstToken();
  }

  headersArrived(): void {
    if (this.connectTimer !== undefined) clearTimeout(this.connectTimer);
  }

  waitFirstToken(): void {
    this.arm(this.timeouts.firstTokenMs, 'first token');
  }

  waitNextChunk(): void {
    this.arm(this.timeouts.idleMs, 'stream chunk');
  }

  private arm(ms: number, what: string): void {
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    this.phaseTimer = ms > 0 ? setTimeout(() => this.abort(timeoutError(this.provider, what, ms)), ms) : undefined;
  }

  abort(reason: GatewayError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
    this.dispose();
  }

  dispose(): void {
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    if (this.connectTimer !== undefined) clearTimeout(this.connectTimer);
    if (this.totalTimer !== undefined) clearTimeout(this.totalTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
