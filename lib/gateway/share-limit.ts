/**
 * Shares a token limit between several pages (tabs, or the pages a search found): a page shorter than an even share keeps all
 * of it, and what it leaves goes to the longer ones, evenly (water-filling). The shares never add
 * up to more than the limit.
 */
export function shareLimit(sizes: readonly number[], limit: number): number[] {
  const shares = sizes.map(() => 0);
  let left = Math.max(0, Math.floor(limit));
  let open = sizes.map((_, i) => i).filter((i) => sizes[i]! > 0);
  while (open.length && left > 0) {
    const even = Math.floor(left / open.length);
    const fits = open.filter((i) => sizes[i]! - shares[i]! <= even);
    if (fits.length === 0) {
      // Every page left is longer than an even share: each takes one, the remainder to the first.
      open.forEach((i, k) => (shares[i]! += even + (k < left - even * open.length ? 1 : 0)));
      break;
    }
    for (const i of fits) {
      left -= sizes[i]! - shares[i]!;
      shares[i] = sizes[i]!;
    }
    open = open.filter((i) => !fits.includes(i));
  }
  return shares;
}
