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
 * Where a failure belongs. A host failure (no connection, a refused key) says the provider
 * itself cannot be reached; a model failure (5xx, overloaded, 429, a slow or broken answer)
 * says only that this model at this provider is in trouble: its siblings stay open.
 */
export type FailureScope = 'host' | 'model';

/**
 * Health per provider (the host) and per provider+model (the endpoint): moving averages of
 * latency, throughput and errors, and a circuit breaker on each (open after repeated failures,
 * one half-open probe after the cooldown, closed again on success, a doubled cooldown on a
 * failed probe). Model failures trip only the endpoint; host failures trip the provider.
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

  /** The models of a provider that Switchyard has health for. */
  modelsOf(provider: string): { model: string; stats: HealthStats }[] {
    const prefix = `${provider}\u0000`;
    return [...this.entries].filter(([key]) => key.startsWith(prefix)).map(([key, stats]) => ({ model: key.slice(prefix.length), stats: { ...stats } }));
  }

  /** Milliseconds until an open circuit may be probed; 0 when it is not open. */
  retryInMs(provider: string, model?: string): number {
    const stats = this.entries.get(healthKey(provider, model));
    if (stats?.circuit !== 'open') return 0;
    return Math.max(0, stats.cooldownMs - (this.now() - (stats.openedAt ?? 0)));
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
  admit(provider: string, model: string): { ok: true } | { ok: false; retryInMs: number; reason: string; scope: FailureScope } {
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
      const scope: FailureScope = key === healthKey(provider) ? 'host' : 'model';
      const what = scope === 'host' ? provider : `${provider}/${model}`;
      return { ok: false, retryInMs, scope, reason: `${what} paused after ${stats.consecutiveFailures} failures (${stats.lastError ?? 'errors'})` };
    }
    return { ok: true };
  }

  /**
   * Sends a request through open circuits anyway, as their probe: used when every candidate is
   * cooling down, so a request is tried where recovery is nearest instead of refused unsent.
   */
  forceProbe(provider: string, model: string): void {
    for (const key of [healthKey(provider), healthKey(provider, model)]) {
      const stats = this.entries.get(key);
      if (!stats || stats.circuit === 'closed') continue;
      stats.circuit = 'half-open';
      this.probing.add(key);
    }
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
      this.close(key, stats);
    }
  }

  failure(provider: string, model: string, error: string, scope: FailureScope = 'model'): void {
    const failed = healthKey(provider, scope === 'host' ? undefined : model);
    const stats = this.entry(failed);
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
    this.probing.delete(failed);
    if (scope === 'model') {
      // The host answered, so the provider itself is reachable: its own breaker closes.
      this.close(healthKey(provider), this.entry(healthKey(provider)));
    } else this.probing.delete(healthKey(provider, model));
  }

  private close(key: string, stats: HealthStats): void {
    stats.consecutiveFailures = 0;
    stats.circuit = 'closed';
    stats.openedAt = null;
    stats.cooldownMs = this.cooldownMs;
    stats.updatedAt = this.now();
    this.probing.delete(key);
  }

  /** Releases a claimed probe whose request ended without telling anything about health (aborted, bad request). */
  release(provider: string, model: string): void {
    this.probing.delete(healthKey(provider));
    this.probing.delete(healthKey(provider, model));
  }

  /** Forgets a provider and its models, e.g. when the user changes its key or address. */
  forget(provider: string): void {
    for (const key of [...this.entries.keys()]) {
      if (key === provider || key.startsWith(`${provider}\u0000`)) {
        this.entries.delete(key);
        this.probing.delete(key);
      }
    }
  }

  snapshot(): HealthSnapshot {
    return { version: 1, entries: Object.fromEntries([...this.entries].map(([key, stats]) => [key, { ...stats }])) };
  }
}
