import { abortedError, GatewayError } from './errors';
import type { UpstreamRequest } from './providers/types';

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

interface Deadline {
  at: number;
  what: string;
  ms: number;
}

/**
 * The abort controller of one upstream attempt: aborted by the caller's signal, or by a
 * timeout, with the reason kept as a gateway error. Its limits are deadlines watched by one
 * timer: a stream chunk moves the idle deadline without touching a timer, and the timer, when
 * it fires early for a deadline that moved, waits again for the nearest one.
 */
export class UpstreamCall {
  readonly controller = new AbortController();
  private connect: Deadline | undefined;
  private phase: Deadline | undefined;
  private readonly total: Deadline | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private disposed = false;
  private readonly onCallerAbort = () => this.abort(abortedError());
  /** What this attempt sent, and the provider's error answer (kept only by reference: the details, when kept, are made from them). */
  sent: UpstreamRequest | undefined;
  failedWith: { status: number; body: string } | undefined;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeouts: Timeouts,
    private readonly provider: string,
  ) {
    if (callerSignal?.aborted) this.abort(abortedError());
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.total = this.deadline(timeouts.totalMs, 'complete answer');
    this.watch();
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
    this.connect = this.deadline(this.timeouts.connectMs, 'response headers');
    this.waitFirstToken();
  }

  /** When the request went out and its response headers came (Date.now()), for the attempt's timings. */
  sentAt: number | undefined;
  headersAt: number | undefined;

  headersArrived(): void {
    this.headersAt = Date.now();
    this.connect = undefined;
  }

  waitFirstToken(): void {
    this.phase = this.deadline(this.timeouts.firstTokenMs, 'first token');
    this.watch();
  }

  waitNextChunk(): void {
    this.phase = this.deadline(this.timeouts.idleMs, 'stream chunk');
    // A later deadline than the timer's: the timer finds it moved when it fires.
    if (this.phase && this.phase.at < this.timerAt) this.watch();
  }

  private deadline(ms: number, what: string): Deadline | undefined {
    return ms > 0 ? { at: Date.now() + ms, what, ms } : undefined;
  }

  /** Aborts for a deadline that passed, or sets the timer for the nearest one. */
  private watch(): void {
    if (this.disposed) return;
    const now = Date.now();
    let next: Deadline | undefined;
    for (const d of [this.connect, this.phase, this.total]) {
      if (!d) continue;
      if (d.at <= now) {
        this.abort(timeoutError(this.provider, d.what, d.ms));
        return;
      }
      if (!next || d.at < next.at) next = d;
    }
    if (next?.at === this.timerAt) return;
    this.clearTimer();
    if (!next) return;
    this.timerAt = next.at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.watch();
    }, next.at - now);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  abort(reason: GatewayError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
    this.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.connect = this.phase = undefined;
    this.clearTimer();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
