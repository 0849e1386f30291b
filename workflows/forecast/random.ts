/**
 * A small seeded pseudo-random generator (mulberry32): the forecast is the same for the same
 * seed, on every machine, and costs a few nanoseconds a draw. Not for anything secret.
 */

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max], both included. */
export function uniformInt(random: () => number, min: number, max: number): number {
  return max <= min ? min : min + Math.floor(random() * (max - min + 1));
}

/** The whole number at quantile `u` of a triangular distribution on [min, max] peaking at `mode`. */
export function triangularQuantile(u: number, min: number, mode: number, max: number): number {
  if (max <= min) return Math.round(min);
  const cut = (mode - min) / (max - min);
  return Math.round(u < cut ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode)));
}
