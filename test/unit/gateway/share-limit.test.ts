import { describe, expect, it } from 'vitest';
import { shareLimit } from '@/lib/gateway/share-limit';

describe('shareLimit', () => {
  it('keeps every page whole when they fit together', () => {
    expect(shareLimit([100, 200, 300], 1000)).toEqual([100, 200, 300]);
  });

  it('gives a short page all of it and shares what it leaves between the long ones', () => {
    // An even share is 300: the 100-token page takes 100, the others split the 800 left.
    expect(shareLimit([100, 5000, 2000], 900)).toEqual([100, 400, 400]);
    expect(shareLimit([100, 5000, 350], 900)).toEqual([100, 450, 350]);
  });

  it('never gives more than the limit, remainder included', () => {
    const shares = shareLimit([1000, 1000, 1000], 100);
    expect(shares).toEqual([34, 33, 33]);
    expect(shares.reduce((a, b) => a + b)).toBe(100);
  });

  it('gives nothing to empty pages and nothing at all for no room', () => {
    expect(shareLimit([0, 500], 300)).toEqual([0, 300]);
    expect(shareLimit([10, 20], 0)).toEqual([0, 0]);
    expect(shareLimit([], 100)).toEqual([]);
  });
});
