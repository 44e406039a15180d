/** The list in a random order (Fisher–Yates, with the browser's cryptographic randomness). */
export function shuffled<T>(list: T[]): T[] {
  const out = [...list];
  const random = crypto.getRandomValues(new Uint32Array(out.length));
  for (let i = out.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
