import { describe, expect, it } from 'vitest';
import { IN_USE_FOR_MS, keepBackgroundWarm, WARM_EVERY_MS } from '../../../lib/ui/keep-background-warm';

/** A page with a clock, a visibility and input events the test drives. */
function page() {
  let time = 0;
  let visible = true;
  let pings = 0;
  const listeners = new Map<string, Set<() => void>>();
  let tick: (() => void) | undefined;
  const stop = keepBackgroundWarm({
    ping: async () => {
      pings++;
    },
    now: () => time,
    visible: () => visible,
    listen: (type, listener) => {
      const set = listeners.get(type) ?? new Set();
      set.add(listener);
      listeners.set(type, set);
      return () => set.delete(listener);
    },
    every: (work, ms) => {
      expect(ms).toBe(WARM_EVERY_MS);
      tick = work;
      return () => (tick = undefined);
    },
  });
  return {
    pings: () => pings,
    advance(ms: number) {
      for (let at = WARM_EVERY_MS; at <= ms; at += WARM_EVERY_MS) {
        time += WARM_EVERY_MS;
        tick?.();
      }
    },
    use: (type: string) => listeners.get(type)?.forEach((l) => l()),
    hide: () => (visible = false),
    show: () => (visible = true),
    listening: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    stop,
  };
}

describe('keeping the background warm', () => {
  it('reaches the background every 20 s while the page is visible and was used in the last five minutes', () => {
    const p = page();
    p.advance(60_000);
    expect(p.pings()).toBe(3);
    // Five minutes after the page was last used (here: opened), the worker is left to stop.
    p.advance(IN_USE_FOR_MS - 60_000);
    expect(p.pings()).toBe(IN_USE_FOR_MS / WARM_EVERY_MS - 1);
    p.advance(60_000);
    expect(p.pings()).toBe(IN_USE_FOR_MS / WARM_EVERY_MS - 1);
    p.use('keydown');
    p.advance(40_000);
    // One at the key press (the worker had been left to stop), then one every 20 s.
    expect(p.pings()).toBe(IN_USE_FOR_MS / WARM_EVERY_MS + 2);
  });

  it('reaches the background at once when the page is used after a pause, and not on every key', () => {
    const p = page();
    p.advance(IN_USE_FOR_MS + 60_000);
    const before = p.pings();
    p.use('focus');
    expect(p.pings()).toBe(before + 1);
    p.use('keydown');
    p.use('keydown');
    expect(p.pings()).toBe(before + 1);
    p.advance(20_000);
    expect(p.pings()).toBe(before + 2);
  });

  it('does not while the page is hidden, and stops for good when told', () => {
    const p = page();
    p.hide();
    p.advance(60_000);
    expect(p.pings()).toBe(0);
    p.show();
    p.use('pointerdown');
    expect(p.pings()).toBe(1);
    p.advance(20_000);
    expect(p.pings()).toBe(2);
    expect(p.listening()).toBe(3);
    p.stop();
    p.advance(60_000);
    expect(p.pings()).toBe(2);
    expect(p.listening()).toBe(0);
  });
});
