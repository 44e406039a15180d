import { describe, expect, it } from 'vitest';
import { RateWindow } from '../../../worker/src/rate-window';

describe('RateWindow', () => {
  it('counts the requests that started within the last minute, dropping older ones as time passes', () => {
    const window = new RateWindow(60_000);
    window.add(0);
    window.add(10_000);
    window.add(59_999);
    expect(window.count(59_999)).toBe(3);
    expect(window.count(60_000)).toBe(2); // the one at 0 is a minute old
    expect(window.count(70_001)).toBe(1);
    expect(window.count(200_000)).toBe(0);
  });

  it('keeps counting right across many requests while letting go of the dropped ones', () => {
    const window = new RateWindow(1_000);
    for (let t = 0; t < 100_000; t++) window.add(t);
    // Only the last second's thousand are still in the window, however many came before.
    expect(window.count(100_000)).toBe(999);
    expect(window.count(99_999)).toBe(999);
    window.add(100_000);
    expect(window.count(100_000)).toBe(1_000);
  });
});
