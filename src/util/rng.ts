/**
 * The one source of randomness in a run: a seeded generator (xoshiro128**,
 * seeded through splitmix32) whose state can be saved and restored, so the same
 * seed gives the same run and a resumed run continues the same sequence.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** The generator's state, to restore with `createRng(seed, state)`. */
  state(): number[];
  /** An independent generator derived from this one's next outputs. */
  fork(): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number, state?: readonly number[]): Rng {
  const init = splitmix32(seed);
  const s =
    state && state.length === 4
      ? Uint32Array.from(state)
      : Uint32Array.from([init(), init(), init(), init()]);
  if (s[0] === 0 && s[1] === 0 && s[2] === 0 && s[3] === 0) s[0] = 1;
  const nextU32 = (): number => {
    const a = s[0] as number;
    const b = s[1] as number;
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    s[2] = (s[2] as number) ^ a;
    s[3] = (s[3] as number) ^ b;
    s[1] = b ^ (s[2] as number);
    s[0] = a ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result;
  };
  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor(rng.next() * n),
    pick: (items) => {
      if (items.length === 0) throw new Error("rng.pick of an empty array");
      return items[rng.int(items.length)] as (typeof items)[number];
    },
    normal: () => {
      const u = 1 - rng.next();
      const v = rng.next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => rng.next() < p,
    state: () => Array.from(s),
    fork: () => createRng(nextU32() ^ (nextU32() << 1)),
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
