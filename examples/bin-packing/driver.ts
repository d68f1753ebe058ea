/**
 * The online packing loop (trusted). It calls the candidate's `priority` once per
 * item, so it runs next to the candidate in search mode and across the process
 * boundary in verify mode. It returns the assignment, never a score: the
 * evaluator checks the assignment and counts the bins itself.
 */
import { type DriverCandidate, defineDriver } from "steward";

interface OpenBin {
  /** Bins are numbered in the order they were opened: 0, 1, 2, ... */
  readonly index: number;
  remaining: number;
}

/** `result[i]` is the smallest of `items[i..]`: a bin with less room is closed for good. */
function smallestAhead(items: readonly number[]): number[] {
  const result = new Array<number>(items.length);
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = items.length - 1; i >= 0; i--) {
    smallest = Math.min(smallest, items[i] ?? smallest);
    result[i] = smallest;
  }
  return result;
}

/** Checks a reply of `priority`: one finite number per offered bin. */
function checkScores(reply: unknown, binCount: number, itemIndex: number): ArrayLike<number> {
  const where = `priority() for item ${itemIndex} (${binCount} bins offered)`;
  const isList =
    Array.isArray(reply) || (ArrayBuffer.isView(reply) && !(reply instanceof DataView));
  if (!isList) throw new Error(`${where} returned ${typeof reply}, expected an array of numbers`);
  const scores = reply as ArrayLike<unknown>;
  if (scores.length !== binCount) {
    throw new Error(`${where} returned ${scores.length} scores, expected one per bin`);
  }
  for (let k = 0; k < binCount; k++) {
    const score = scores[k];
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw new Error(
        `${where} returned ${String(score)} at position ${k}, expected a finite number`,
      );
    }
  }
  return scores as ArrayLike<number>;
}

/** The position of the highest score; ties go to the first. */
function argmax(scores: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < scores.length; k++) {
    if ((scores[k] ?? 0) > (scores[best] ?? 0)) best = k;
  }
  return best;
}

export default defineDriver({
  /**
   * Packs `items`, in order, into bins of `capacity`. Returns the bin index of
   * every item, bins numbered in the order they were opened.
   */
  async pack(candidate: DriverCandidate, items: number[], capacity: number): Promise<number[]> {
    const floor = smallestAhead(items);
    const assignment = new Array<number>(items.length);
    let open: OpenBin[] = [];
    let binCount = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? 0;
      if (!(item > 0 && item <= capacity)) throw new Error(`item ${i} has size ${item}`);
      const kept: OpenBin[] = [];
      const offered: OpenBin[] = [];
      const remaining: number[] = [];
      for (const bin of open) {
        if (bin.remaining < (floor[i] ?? 0)) continue;
        kept.push(bin);
        if (bin.remaining >= item) {
          offered.push(bin);
          remaining.push(bin.remaining);
        }
      }
      remaining.push(capacity);
      const reply = await candidate.call("priority", item, remaining);
      const choice = argmax(checkScores(reply, remaining.length, i));
      let bin = offered[choice];
      if (bin === undefined) {
        bin = { index: binCount++, remaining: capacity };
        kept.push(bin);
      }
      bin.remaining -= item;
      assignment[i] = bin.index;
      open = kept;
    }
    return assignment;
  },
});
