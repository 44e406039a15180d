import { describe, expect, it } from 'vitest';
import { HealthSnapshot, HealthTracker } from '../../../lib/gateway/health';

function tracker() {
  let now = 1_000_000;
  const health = new HealthTracker({ failureThreshold: 3, cooldownMs: 10_000, maxCooldownMs: 40_000, alpha: 0.5, now: () => now });
  return { health, advance: (ms: number) => (now += ms) };
}

describe('HealthTracker', () => {
  it('keeps moving averages of latency, throughput and errors, per provider and per model', () => {
    const { health } = tracker();
    health.success('groq', 'llama', { ttftMs: 100, tokensPerSec: 500 });
    health.success('groq', 'llama', { ttftMs: 300, tokensPerSec: 300 });
    health.failure('groq', 'other', '503 provider_overloaded');
    expect(health.get('groq', 'llama')).toMatchObject({ ttftMs: 200, tokensPerSec: 400, errorRate: 0, samples: 2 });
    expect(health.get('groq', 'other')).toMatchObject({ errorRate: 0.5, samples: 1, consecutiveFailures: 1 });
    // A model's failure is not the host's: the provider's own figures stay clean.
    expect(health.get('groq')).toMatchObject({ ttftMs: 200, samples: 2, errorRate: 0, circuit: 'closed' });
  });

  it('model failures open only that model; host failures open the provider', () => {
    const { health } = tracker();
    for (let i = 0; i < 3; i++) health.failure('openai', 'o3', '503 provider_overloaded', 'model');
    expect(health.get('openai', 'o3')!.circuit).toBe('open');
    expect(health.admit('openai', 'o3')).toMatchObject({ ok: false, scope: 'model', reason: expect.stringContaining('openai/o3 paused') });
    expect(health.admit('openai', 'gpt-4o-mini')).toEqual({ ok: true });

    for (let i = 0; i < 3; i++) health.failure('groq', 'llama', '502 connection_failed', 'host');
    expect(health.get('groq')!.circuit).toBe('open');
    expect(health.admit('groq', 'mixtral')).toMatchObject({ ok: false, scope: 'host', reason: expect.stringContaining('groq paused') });
  });

  it('a model failure proves the host answers, which closes a host breaker', () => {
    const { health } = tracker();
    for (let i = 0; i < 3; i++) health.failure('p', 'a', 'refused', 'host');
    health.forceProbe('p', 'a');
    health.failure('p', 'a', '503', 'model');
    expect(health.get('p')!.circuit).toBe('closed');
    expect(health.admit('p', 'b')).toEqual({ ok: true });
  });

  it('opens the circuit after repeated failures, probes once after the cooldown, closes on success', () => {
    const { health, advance } = tracker();
    for (let i = 0; i < 3; i++) health.failure('anthropic', 'claude', '529 overloaded');
    expect(health.get('anthropic', 'claude')!.circuit).toBe('open');
    expect(health.admit('anthropic', 'claude')).toMatchObject({ ok: false, retryInMs: 10_000 });
    expect(health.retryInMs('anthropic', 'claude')).toBe(10_000);
    advance(10_000);
    expect(health.admit('anthropic', 'claude')).toEqual({ ok: true });
    expect(health.get('anthropic', 'claude')!.circuit).toBe('half-open');
    // Only one probe at a time.
    expect(health.admit('anthropic', 'claude').ok).toBe(false);
    health.success('anthropic', 'claude', { ttftMs: 50 });
    expect(health.get('anthropic', 'claude')!.circuit).toBe('closed');
    expect(health.admit('anthropic', 'claude')).toEqual({ ok: true });
  });

  it('doubles the cooldown when the probe fails, up to a cap', () => {
    const { health, advance } = tracker();
    for (let i = 0; i < 3; i++) health.failure('p', 'm', 'x', 'host');
    for (const expected of [20_000, 40_000, 40_000]) {
      advance(health.get('p')!.cooldownMs);
      expect(health.admit('p', 'm').ok).toBe(true);
      health.failure('p', 'm', 'still down', 'host');
      expect(health.get('p')).toMatchObject({ circuit: 'open', cooldownMs: expected });
    }
  });

  it('a forced probe through an open breaker doubles its cooldown when it fails, and closes it when it works', () => {
    const { health } = tracker();
    for (let i = 0; i < 3; i++) health.failure('p', 'm', 'x');
    health.forceProbe('p', 'm');
    health.failure('p', 'm', 'x');
    expect(health.get('p', 'm')).toMatchObject({ circuit: 'open', cooldownMs: 20_000 });
    health.forceProbe('p', 'm');
    health.success('p', 'm', {});
    expect(health.get('p', 'm')).toMatchObject({ circuit: 'closed', cooldownMs: 10_000 });
  });

  it('lists a provider’s models and forgets them all when asked', () => {
    const { health } = tracker();
    health.failure('p', 'a', 'x');
    health.success('p', 'b', {});
    health.success('q', 'a', {});
    expect(health.modelsOf('p').map((m) => m.model).sort()).toEqual(['a', 'b']);
    health.forget('p');
    expect(health.modelsOf('p')).toEqual([]);
    expect(health.get('p')).toBeUndefined();
    expect(health.get('q', 'a')).toBeDefined();
  });

  it('round-trips through a snapshot, as the background stores it', () => {
    const { health } = tracker();
    for (let i = 0; i < 3; i++) health.failure('p', 'm', 'x', 'host');
    health.success('q', 'n', { ttftMs: 80 });
    const stored = JSON.parse(JSON.stringify(health.snapshot()));
    const restored = new HealthTracker({ cooldownMs: 10_000, now: () => 1_000_000 }, HealthSnapshot.parse(stored));
    expect(restored.admit('p', 'm').ok).toBe(false);
    expect(restored.get('q', 'n')!.ttftMs).toBe(80);
  });
});
