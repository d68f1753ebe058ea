/**
 * Inspirations for a mutation: other good and diverse programs shown beside
 * the parent. Half (rounded up) are drawn from the global archive, the rest
 * from the diverse pool (the elites of every island: the parent's island's
 * other cells and the other islands' cells); when one source runs short, the
 * other fills in. Never the parent, never one id twice; draws are uniform
 * without replacement from the rng passed in.
 *
 * A lazy shuffle visits the pools, so a draw costs about `count` steps, not
 * the size of every island (which can hold thousands of cells).
 */
import type { Rng } from "../util/rng.ts";
import type { Member } from "./types.ts";

/** A list read in place (an island's placements are not copied per call). */
export interface Pool {
  readonly length: number;
  at(index: number): Member;
}

export interface InspirationSources {
  archive: Pool;
  /** The diverse pool, one per island. */
  diverse: readonly Pool[];
}

export function chooseInspirations(
  sources: InspirationSources,
  parentId: number,
  count: number,
  rng: Rng,
): Member[] {
  const chosen = new Map<number, Member>();
  const take = (parts: readonly Pool[], wanted: number): void => {
    if (wanted <= 0) return;
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    let taken = 0;
    for (const index of shuffledIndexes(total, rng)) {
      const member = itemAt(parts, index);
      if (member.id === parentId || chosen.has(member.id)) continue;
      chosen.set(member.id, member);
      if (++taken === wanted) return;
    }
  };
  take([sources.archive], Math.ceil(count / 2));
  take(sources.diverse, count - chosen.size);
  take([sources.archive], count - chosen.size);
  return [...chosen.values()];
}

/**
 * The indexes 0..n-1 in uniformly random order, produced lazily: a
 * Fisher-Yates shuffle that records only the swaps it made, one rng draw per
 * index produced.
 */
export function* shuffledIndexes(n: number, rng: Rng): Generator<number> {
  const swapped = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(n - i);
    const picked = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    yield picked;
  }
}

function itemAt(parts: readonly Pool[], index: number): Member {
  let rest = index;
  for (const part of parts) {
    if (rest < part.length) return part.at(rest);
    rest -= part.length;
  }
  throw new Error(`population bug: index ${index} past the pool`);
}
