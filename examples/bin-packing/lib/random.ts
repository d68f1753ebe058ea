/**
 * A small deterministic PRNG (mulberry32, public domain, Tommy Ettinger), so the
 * generated instances are the same on every machine and every Node version.
 */

/** Returns a function yielding uniform numbers in the open interval (0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const bits = (t ^ (t >>> 14)) >>> 0;
    return (bits + 0.5) / 2 ** 32;
  };
}
