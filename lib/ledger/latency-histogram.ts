/**
 * Times as counts in log-spaced buckets, each 2% wider than the last: a day's latencies of a model
 * fit in a few dozen numbers, any period's add up bucket by bucket, and a percentile read from
 * them is within 1% of the exact one (a bucket's middle is at most 1% from its ends).
 */
export type Histogram = Record<string, number>;

const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

/** The bucket of a time: 0 holds everything under 1 ms; bucket b ≥ 1 holds [GROWTH^(b-1), GROWTH^b). */
export function bucketOf(ms: number): number {
  return ms < 1 ? 0 : Math.floor(Math.log(ms) / LOG_GROWTH) + 1;
}

/** The time a bucket stands for: the geometric middle of its ends (0.5 ms for the first). */
export function valueOf(bucket: number): number {
  return bucket === 0 ? 0.5 : GROWTH ** (bucket - 0.5);
}

export function record(histogram: Histogram, ms: number, count = 1): void {
  const bucket = bucketOf(ms);
  histogram[bucket] = (histogram[bucket] ?? 0) + count;
}

export function merge(into: Histogram, from: Histogram | undefined): void {
  if (!from) return;
  for (const bucket in from) into[bucket] = (into[bucket] ?? 0) + from[bucket]!;
}

export function countOf(histogram: Histogram): number {
  let total = 0;
  for (const bucket in histogram) total += histogram[bucket]!;
  return total;
}

/**
 * The p-th percentile (0 < p ≤ 100) by nearest rank: the value of the bucket holding the
 * ⌈p/100 × n⌉-th smallest time. Null when the histogram is empty.
 */
export function percentileOf(histogram: Histogram, p: number): number | null {
  const total = countOf(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  const buckets = Object.keys(histogram)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const bucket of buckets) {
    seen += histogram[bucket]!;
    if (seen >= rank) return valueOf(bucket);
  }
  return valueOf(buckets.at(-1)!);
}
