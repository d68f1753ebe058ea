/**
 * The Sum of Squares seed (seeds/sum-of-squares.ts) scores minus the change in
 * the sum of squared room counts, checked against that sum computed from
 * scratch, and packs the paper's test sets as its README says.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import driver from "../driver.ts";
import { priority } from "../seeds/sum-of-squares.ts";
import { inProcessCandidate } from "./in-process-candidate.ts";
import { excessOverL1, type Instance } from "./instance.ts";
import { mulberry32 } from "./random.ts";
import { loadTestSets } from "./test-sets.ts";
import { verifyAssignment } from "./verify.ts";

const UNSEEN = 3;

/** Sum over rooms of (bins with that room)^2; full bins and rooms below the item not counted (the caller adds those). */
function sumOfSquares(rooms: readonly number[], item: number): number {
  const counts = new Map<number, number>();
  for (const room of rooms) if (room > 0) counts.set(room, (counts.get(room) ?? 0) + 1);
  let sum = 0;
  for (const [room, n] of counts) sum += room < item ? 0 : n * n;
  return sum;
}

/** The change from placing `item` in entry k, rooms below the item counted as UNSEEN bins each. */
function change(bins: readonly number[], item: number, k: number): number {
  const open = bins.slice(0, -1);
  const after = [...open];
  if (k === bins.length - 1) after.push((bins[k] as number) - item);
  else after[k] = (open[k] as number) - item;
  const left = (bins[k] as number) - item;
  // The bins this call cannot see: UNSEEN of them with the room the item leaves, when that is below the item.
  const hidden = left > 0 && left < item ? UNSEEN : 0;
  const beforeSum = sumOfSquares(open, item) + hidden * hidden;
  const afterSum = sumOfSquares(after, item) + (hidden > 0 ? (hidden + 1) * (hidden + 1) : 0);
  return afterSum - beforeSum;
}

describe("the Sum of Squares seed", () => {
  it("scores each bin by minus the change in the sum of squares, best fit breaking ties", () => {
    const random = mulberry32(16);
    for (let trial = 0; trial < 300; trial++) {
      const capacity = [100, 150, 500][trial % 3] as number;
      const item = 1 + Math.floor(random() * (capacity / 2));
      const open = Array.from({ length: Math.floor(random() * 12) }, () =>
        Math.floor(item + random() * (capacity - item)),
      ).filter((room) => room < capacity);
      const bins = [...open, capacity];
      const scores = priority(item, bins);
      bins.forEach((bin, k) => {
        expect(scores[k]).toBeCloseTo(-change(bins, item, k) - (bin - item) / capacity, 9);
      });
    }
  });

  it("packs the paper's test sets to 1.12% (Weibull 5k) and 5.32% (OR3) excess", async () => {
    const sets = loadTestSets(join(import.meta.dirname, "..", "data"));
    const excess = async (instances: readonly Instance[]) => {
      const bins: number[] = [];
      for (const instance of instances) {
        const assignment = await driver.pack(
          inProcessCandidate(priority),
          [...instance.items],
          instance.capacity,
        );
        const verdict = verifyAssignment(instance, assignment);
        if (!verdict.ok) throw new Error(verdict.reason);
        bins.push(verdict.bins);
      }
      return (excessOverL1(instances, bins) * 100).toFixed(2);
    };
    expect(await excess(sets.weibull5k)).toBe("1.12");
    expect(await excess(sets.or3)).toBe("5.32");
  });
});
