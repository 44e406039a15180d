import * as z from 'zod/mini';

/** What the gateway knows about one provider, or one model at one provider. */
export const HealthStats = z.object({
  /** EWMA of time to first token, ms. */
  ttftMs: z.nullable(z.number()),
  /** EWMA of output tokens per second while streaming. */
  tokensPerSec: z.nullable(z.number()),
  /** EWMA of failures (0 = never fails, 1 = always fails). */
  errorRate: z.number(),
  samples: z.int(),
  consecutiveFailures: z.int(),
  circuit: z.enum(['closed', 'open', 'half-open']),
  openedAt: z.nullable(z.number()),
  cooldownMs: z.number(),
  lastError: z.nullable(z.string()),
  updatedAt: z.number(),
});
export type HealthStats = z.infer<typeof HealthStats>;

export const HealthSnapshot = z.object({ version: z.literal(1), entries: z.record(z.string(), HealthStats) });
export type HealthSnapshot = z.infer<typeof HealthSnapshot>;

export interface HealthOptions {
  /** Weight of the newest sample in the moving averages. */
  alpha?: number;
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  cooldownMs?: number;
  maxCooldownMs?: number;
  /** Wall-clock milliseconds (cooldowns survive worker restarts). */
  now?: () => number;
}

const fresh = (now: number, cooldownMs: number): HealthStats => ({
  ttftMs: null,
  tokensPerSec: null,
  errorRate: 0,
  samples: 0,
  consecutiveFailures: 0,
  circuit: 'closed',
  openedAt: null,
  cooldownMs,
  lastError: null,
  updatedAt: now,
});

const ewma = (previous: number | null, sample: number, alpha: number) => (previous === null ? sample : previous + alpha * (sample - previous));

export const healthKey = (provider: string, model?: string) => (model === undefined ? provider : `${provider}\u0000${model}`);

/**
 * Health per provider and per provider+model: moving averages of latency, throughput and
 * errors, and a circuit breaker (open after repeated failures, one half-open probe after the
 * cooldown, closed again on success, a doubled cooldown on a failed probe).
 */
export class HealthTracker {
  private readonly entries = new Map<string, HealthStats>();
  private readonly probing = new Set<string>();
  private readonly alpha: number;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly maxCooldownMs: number;
  readonly now: () => number;

  constructor(options: HealthOptions = {}, snapshot?: HealthSnapshot) {
    this.alpha = options.alpha ?? 0.3;
    this.failureThreshold = options.failureThreshold ?? 3;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.maxCooldownMs = options.maxCooldownMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    if (snapshot) for (const [key, stats] of Object.entries(snapshot.entries)) this.entries.set(key, { ...stats });
  }

  get(provider: string, model?: string): HealthStats | undefined {
    return this.entries.get(healthKey(provider, model));
  }

  private entry(key: string): HealthStats {
    let stats = this.entries.get(key);
    if (!stats) {
      stats = fresh(this.now(), this.cooldownMs);
      this.entries.set(key, stats);
    }
    return stats;
  }

  /** Whether a request may go to this provider (and model) now; claims the half-open probe if it is due. */
  admit(provider: string, model: string): { ok: true } | { ok: false; retryInMs: number; reason: string } {
    for (const key of [healthKey(provider), healthKey(provider, model)]) {
      const stats = this.entries.get(key);
      if (!stats || stats.circuit === 'closed') continue;
      const waited = this.now() - (stats.openedAt ?? 0);
      if (stats.circuit === 'open' && waited >= stats.cooldownMs && !this.probing.has(key)) {
        stats.circuit = 'half-open';
        this.probing.add(key);
        continue;
      }
      if (stats.circuit === 'half-open' && !this.probing.has(key)) {
        this.probing.add(key);
        continue;
      }
      const retryInMs = Math.max(0, stats.cooldownMs - waited);
      return { ok: false, retryInMs, reason: `circuit open after ${stats.consecutiveFailures} failures (${stats.lastError ?? 'errors'})` };
    }
    return { ok: true };
  }

  /** Whether a circuit is open right now, without claiming a probe (for ordering). */
  isOpen(provider: string, model: string): boolean {
    return [healthKey(provider), healthKey(provider, model)].some((key) => {
      const stats = this.entries.get(key);
      return stats?.circuit === 'open' && this.now() - (stats.openedAt ?? 0) < stats.cooldownMs;
    });
  }

  success(provider: string, model: string, sample: { ttftMs?: number; tokensPerSec?: number }): void {
    for (const key of [healthKey(provider), healthKey(provider, model)]) {
      const stats = this.entry(key);
      if (sample.ttftMs !== undefined) stats.ttftMs = ewma(stats.ttftMs, sample.ttftMs, this.alpha);
      if (sample.tokensPerSec !== undefined && Number.isFinite(sample.tokensPerSec)) {
        stats.tokensPerSec = ewma(stats.tokensPerSec, sample.tokensPerSec, this.alpha);
      }
      stats.errorRate = ewma(stats.errorRate, 0, this.alpha);
      stats.samples++;
      stats.consecutiveFailures = 0;
      stats.circuit = 'closed';
      stats.openedAt = null;
      stats.cooldownMs = this.cooldownMs;
      stats.updatedAt = this.now();
      this.probing.delete(key);
    }
  }

  failure(provider: string, model: string, error: string): void {
    for (const key of [healthKey(provider), healthKey(provider, model)]) {
      const stats = this.entry(key);
      stats.errorRate = ewma(stats.errorRate, 1, this.alpha);
      stats.samples++;
      stats.consecutiveFailures++;
      stats.lastError = error.slice(0, 200);
      stats.updatedAt = this.now();
      const probeFailed = stats.circuit === 'half-open';
      if (probeFailed || stats.consecutiveFailures >= this.failureThreshold) {
        if (probeFailed) stats.cooldownMs = Math.min(stats.cooldownMs * 2, this.maxCooldownMs);
        stats.circuit = 'open';
        stats.openedAt = this.now();
      }
      this.probing.delete(key);
    }
  }

  /** Releases a claimed probe whose request ended without telling anything about health (aborted, bad request). */
  release(provider: string, model: string): void {
    this.probing.delete(healthKey(provider));
    this.probing.delete(healthKey(provider, model));
  }

  snapshot(): HealthSnapshot {
    return { version: 1, entries: Object.fromEntries([...this.entries].map(([key, stats]) => [key, { ...stats }])) };
  }
}
