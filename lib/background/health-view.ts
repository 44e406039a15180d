import type { HealthStats, HealthTracker } from '../gateway/health';

export type CircuitView = 'closed' | 'open' | 'half-open' | 'unknown';

export interface ModelHealthView {
  model: string;
  circuit: CircuitView;
  errorRate: number;
  lastError: string | null;
  /** Milliseconds until the paused model is tried again; 0 when it is not paused. */
  retryInMs: number;
}

export interface ProviderHealthView {
  /** The host's own breaker: open only when the provider cannot be reached or refuses the key. */
  circuit: CircuitView;
  errorRate: number | null;
  ttftMs: number | null;
  samples: number;
  lastError: string | null;
  retryInMs: number;
  /** Models at this provider that are failing or paused (healthy ones are left out). */
  models: ModelHealthView[];
}

/** An open breaker whose cooldown has passed is due for a probe: shown as half-open. */
function circuitOf(stats: HealthStats, retryInMs: number): CircuitView {
  return stats.circuit === 'open' && retryInMs === 0 ? 'half-open' : stats.circuit;
}

/** What the popup and options show of one provider's health, with its troubled models. */
export function providerHealth(health: HealthTracker, provider: string): ProviderHealthView {
  const stats = health.get(provider);
  const retryInMs = health.retryInMs(provider);
  const models = health
    .modelsOf(provider)
    .map(({ model, stats: m }) => {
      const wait = health.retryInMs(provider, model);
      return { model, circuit: circuitOf(m, wait), errorRate: m.errorRate, lastError: m.lastError, retryInMs: wait };
    })
    .filter((m) => m.circuit !== 'closed' || m.errorRate > 0.3)
    .sort((a, b) => b.errorRate - a.errorRate);
  return {
    circuit: stats ? circuitOf(stats, retryInMs) : 'unknown',
    errorRate: stats?.errorRate ?? null,
    ttftMs: stats?.ttftMs ?? null,
    samples: stats?.samples ?? 0,
    lastError: stats?.lastError ?? null,
    retryInMs,
    models,
  };
}
