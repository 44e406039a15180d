import { cacheSavingsOf, costOf, ratesFor } from '../catalog/pricing';
import type { Pricing } from '../catalog/schema';
import type { GatewayError } from './errors';
import type { FinishReason } from './openai-schema';
import type { AttemptRecord, RecordStatus, UsageRecord } from './record';
import type { Candidate } from './resolve';
import { emptyUsage, type TokenUsage } from './providers/types';
import { errorBodyOf, sentRequestOf, type AnswerDetails, type AttemptExchange } from './details';
import type { UpstreamCall } from './upstream';

const noop = () => undefined;
export const modelIdOf = (candidate: Candidate): string => candidate.entry?.model.id ?? `${candidate.provider.id}/${candidate.model}`;
const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';

/** Collects what happens to one request and reports it exactly once. */
export class Recorder {
  readonly attempts: AttemptRecord[] = [];
  private done = false;
  private taken: Promise<void> = Promise.resolve();
  private firstTokenAt: number | null = null;
  route?: string;
  /** Prices a candidate's web searches (set when the request asks for search). */
  priceSearches?: (candidate: Candidate, searches: number) => number;
  /** With details kept: the body received, each attempt's exchange, and the answer once known. */
  private readonly kept: { received: unknown; asChat?: unknown; exchanges: (AttemptExchange | null)[] } | undefined;
  answer?: AnswerDetails;

  constructor(
    private readonly base: Pick<UsageRecord, 'id' | 'startedAt' | 'source' | 'site' | 'stream' | 'requestedModel' | 'endpoint'>,
    private readonly now: () => number,
    private readonly startMark: number,
    private readonly emit: ((record: UsageRecord) => unknown) | undefined,
    details?: { received: unknown; asChat?: unknown },
  ) {
    this.kept = details ? { ...details, exchanges: [] } : undefined;
  }

  /** Whether this request's details are kept (then the answer is worth gathering). */
  get keepsDetails(): boolean {
    return this.kept !== undefined;
  }

  get id(): string {
    return this.base.id;
  }

  /** What tokens cost on a candidate, priced at the hour the request started (a provider's peak hours count). */
  priceOf(usage: TokenUsage, pricing: Pricing | undefined): { cost: number; cacheSaved: number } {
    const at = new Date(this.base.startedAt);
    return { cost: costOf(usage, pricing, at), cacheSaved: cacheSavingsOf(usage, pricing, at) };
  }

  /** What a candidate's answer cost: its tokens, and its web searches apart. */
  costOf(usage: TokenUsage, candidate: Candidate | undefined): { cost: number; cacheSaved: number; searchCost: number } {
    const tokens = this.priceOf(usage, candidate?.entry?.pricing);
    const searchCost = candidate && usage.searches ? (this.priceSearches?.(candidate, usage.searches) ?? 0) : 0;
    return { ...tokens, cost: Math.round((tokens.cost + searchCost) * 1e8) / 1e8, searchCost };
  }

  get finished(): boolean {
    return this.done;
  }

  elapsed(since = this.startMark): number {
    return Math.round((this.now() - since) * 100) / 100;
  }

  markFirstToken(): void {
    if (this.firstTokenAt === null) this.firstTokenAt = this.now();
  }

  attempt(candidate: Candidate, status: RecordStatus, startedMark: number, error?: GatewayError, call?: UpstreamCall): void {
    if (this.kept) {
      const sent = call?.sent;
      const failed = call?.failedWith;
      this.kept.exchanges.push(sent ? { sent: sentRequestOf(sent), ...(failed ? { status: failed.status, errorBody: errorBodyOf(failed.body) } : {}) } : null);
    }
    this.attempts.push({
      provider: candidate.provider.id,
      model: candidate.model,
      modelId: modelIdOf(candidate),
      status,
      ...(error ? { httpStatus: error.status, code: error.code, error: error.message } : {}),
      ms: this.elapsed(startedMark),
      startMs: Math.round((startedMark - this.startMark) * 100) / 100,
      ...(call?.headersAt !== undefined && call.sentAt !== undefined ? { headersMs: call.headersAt - call.sentAt } : {}),
    });
  }

  skip(candidate: Candidate, code: string, reason: string): void {
    this.attempts.push({ provider: candidate.provider.id, model: candidate.model, modelId: modelIdOf(candidate), status: 'skipped', code, error: reason, ms: 0 });
    this.kept?.exchanges.push(null);
  }

  /** The record as it stands: `finish` reports it once; `snapshot` shows it while the request runs. */
  private build(outcome: Outcome, status: UsageRecord['status']): UsageRecord {
    const usage = outcome.usage ?? emptyUsage();
    const entry = outcome.candidate?.entry;
    const priced = outcome.candidate ? Boolean(entry) && !entry?.model.unpriced : true;
    return {
      ...this.base,
      model: outcome.candidate ? modelIdOf(outcome.candidate) : null,
      // A failed request is booked on the provider that failed last, so spend and error rates line up.
      provider: outcome.candidate?.provider.id ?? this.attempts.findLast((a) => a.status !== 'skipped')?.provider ?? null,
      attempts: [...this.attempts],
      usage,
      usageEstimated: outcome.usageEstimated ?? false,
      ...(({ searchCost, ...priced }) => ({ ...priced, ...(searchCost ? { searchCost } : {}) }))(this.costOf(usage, outcome.candidate)),
      priced,
      ttftMs: this.firstTokenAt === null ? null : Math.round((this.firstTokenAt - this.startMark) * 100) / 100,
      totalMs: this.elapsed(),
      finishReason: outcome.finishReason ?? null,
      status,
      ...(outcome.error ? { error: { status: outcome.error.status, code: outcome.error.code, message: outcome.error.message } } : {}),
      ...(this.route ? { route: this.route } : {}),
    };
  }

  /**
   * The request so far, marked in progress (for a write-ahead ledger row); never ends it. The
   * attempt still running is listed as cut off, which is what it will have been if this
   * snapshot is the last word on the request.
   */
  snapshot(outcome: Omit<Outcome, 'status' | 'error'> = {}, running?: { candidate: Candidate; startedMark: number }): UsageRecord {
    const record = this.build(outcome, 'in_progress');
    if (running) {
      record.attempts.push({
        provider: running.candidate.provider.id,
        model: running.candidate.model,
        modelId: modelIdOf(running.candidate),
        status: 'aborted',
        code: 'interrupted',
        error: 'still running',
        ms: this.elapsed(running.startedMark),
      });
    }
    return record;
  }

  /** Ends the request; later calls are ignored, so every request yields one record. */
  finish(outcome: Outcome & { status: RecordStatus }): UsageRecord | undefined {
    if (this.done) return undefined;
    this.done = true;
    const record = this.build(outcome, outcome.status);
    if (this.kept) {
      const pricing = outcome.candidate?.entry?.pricing;
      record.details = {
        received: this.kept.received,
        ...(this.kept.asChat !== undefined ? { asChat: this.kept.asChat } : {}),
        exchanges: [...this.kept.exchanges],
        ...(this.answer ? { answer: this.answer } : {}),
        ...(pricing ? { rates: (({ input, output, cachedInput, cacheWrite }) => ({ input, output, cachedInput, cacheWrite }))(ratesFor(pricing, record.usage.prompt, new Date(this.base.startedAt))) } : {}),
      };
    }
    try {
      const taken = this.emit?.(record);
      // A failing listener must not turn an answered request into an error.
      if (isThenable(taken)) this.taken = Promise.resolve(taken).then(noop, noop);
    } catch {
      // As above.
    }
    return record;
  }

  /** Settles once the record's listener has taken it (when it returned a promise, once that settled). */
  recorded(): Promise<void> {
    return this.taken;
  }
}

interface Outcome {
  candidate?: Candidate;
  usage?: TokenUsage;
  usageEstimated?: boolean;
  finishReason?: FinishReason | null;
  error?: GatewayError;
}
