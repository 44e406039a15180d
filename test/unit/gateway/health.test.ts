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
    expect(health.get('groq')).toMatchObject({ ttftMs: 200, samples: 3, errorRate: 0.5 });
  });

  it('opens the circuit after repeated failures, probes once after the cooldown, closes on success', () => {
    const { health, advance } = tracker();
    for (let i = 0; i < 3; i++) health.failure('anthropic', 'claude', '529 overloaded');
    expect(health.get('anthropic')!.circuit).toBe('open');
    expect(health.admit('anthropic', 'claude')).toMatchObject({ ok: false, retryInMs: 10_000 });
    advance(10_000);
    expect(health.admit('anthropic', 'claude')).toEqual({ ok: true });
    expect(health.get('anthropic')!.circuit).toBe('half-open');
    // Only one probe at a time.
    expect(health.admit('anthropic', 'claude').ok).toBe(false);
    health.success('anthropic', 'claude', { ttftMs: 50 });
    expect(health.get('anthropic')!.circuit).toBe('closed');
    expect(health.admit('anthropic', 'claude')).toEqual({ ok: true });
  });

  it('doubles the cooldown when the probe fails, up to a cap', () => {
    const { health, advance } = tracker();
    for (let i = 0; i < 3; i++) health.failure('p', 'm', 'x');
    for (const expected of [20_000, 40_000, 40_000]) {
      advance(health.get('p')!.cooldownMs);
      expect(health.admit('p', 'm').ok).toBe(true);
      health.failure('p', 'm', 'still down');
      expect(health.get('p')).toMatchObject({ circuit: 'open', cooldownMs: expected });
    }
  });

  it('round-trips through a snapshot, as the background stores it', () => {
    const { health } = tracker();
    for (let i = 0; i < 3; i++) health.failure('p', 'm', 'x');
    health.success('q', 'n', { ttftMs: 80 });
    const stored = JSON.parse(JSON.stringify(health.snapshot()));
    const restored = new HealthTracker({ cooldownMs: 10_000, now: () => 1_000_000 }, HealthSnapshot.parse(stored));
    expect(restored.admit('p', 'm').ok).toBe(false);
    expect(restored.get('q', 'n')!.ttftMs).toBe(80);
  });
});
