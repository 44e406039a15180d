export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Runs each variant in turn, `rounds` times, so drift affects all alike; returns the timings of
 * each. The order reverses every round (A B, B A, …): a run pays for the garbage and the warm or
 * cold caches the run before it left, and reversing spreads that over every variant evenly.
 */
export async function interleave<K extends string>(rounds: number, variants: Record<K, () => Promise<unknown>>): Promise<Record<K, number[]>> {
  const out = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const entries = Object.entries(variants) as [K, () => Promise<unknown>][];
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of round % 2 ? [...entries].reverse() : entries) {
      const started = performance.now();
      await run();
      out[name].push(performance.now() - started);
    }
  }
  return out;
}

export interface Result {
  group: string;
  name: string;
  value: string;
  baseline: string;
  ratio?: number;
  goal: string;
  met: boolean;
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
