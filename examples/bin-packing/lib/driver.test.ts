import { describe, expect, it } from "vitest";
import driver from "../driver.ts";
import { inProcessCandidate } from "./in-process-candidate.ts";

describe("driver.pack", () => {
  it("offers fitting bins in opening order, then one empty bin", async () => {
    const offers: number[][] = [];
    const candidate = inProcessCandidate((_item, bins) => {
      offers.push([...bins]);
      return bins.map(() => 0);
    });
    const assignment = await driver.pack(candidate, [6, 5, 3, 4], 10);
    expect(offers).toEqual([[10], [10], [4, 5, 10], [5, 10]]);
    expect(assignment).toEqual([0, 1, 0, 1]);
  });

  it("places the item in the highest score, ties to the first bin", async () => {
    const lastBin = inProcessCandidate((_item, bins) => bins.map((_bin, k) => k));
    expect(await driver.pack(lastBin, [2, 2, 2], 10)).toEqual([0, 1, 2]);
    const tie = inProcessCandidate((_item, bins) => bins.map((_bin, k) => (k === 0 ? 0 : 1)));
    expect(await driver.pack(tie, [2, 2, 2, 2], 10)).toEqual([0, 1, 1, 1]);
  });

  it("accepts typed arrays of scores", async () => {
    const candidate = inProcessCandidate((_item, bins) => new Float64Array(bins.length));
    expect(await driver.pack(candidate, [5, 5, 5], 10)).toEqual([0, 0, 1]);
  });

  it.each([
    ["not an array", () => 3, /returned number, expected an array/],
    ["too few scores", () => [], /returned 0 scores, expected one per bin/],
    ["NaN", (_item: number, bins: number[]) => bins.map(() => Number.NaN), /NaN at position 0/],
    [
      "a string",
      (_item: number, bins: number[]) => bins.map(() => "1"),
      /returned 1 at position 0/,
    ],
    ["Infinity", (_item: number, bins: number[]) => bins.map(() => Infinity), /Infinity at/],
  ])("rejects a reply that is %s", async (_label, priority, message) => {
    await expect(driver.pack(inProcessCandidate(priority), [3, 4], 10)).rejects.toThrow(message);
  });

  it("rejects an item larger than the capacity", async () => {
    const candidate = inProcessCandidate((_item, bins) => bins.map(() => 0));
    await expect(driver.pack(candidate, [3, 11], 10)).rejects.toThrow(/item 1 has size 11/);
  });
});
