import { describe, expect, it } from "vitest";
import type { Instance } from "./instance.ts";
import { verifyAssignment } from "./verify.ts";

const instance: Instance = { name: "small", capacity: 10, items: [6, 4, 7, 3, 5] };

function reason(assignment: unknown): string {
  const verdict = verifyAssignment(instance, assignment);
  if (verdict.ok) throw new Error("expected a rejection");
  return verdict.reason;
}

describe("verifyAssignment", () => {
  it("accepts a valid assignment and counts its bins", () => {
    expect(verifyAssignment(instance, [0, 0, 1, 1, 2])).toEqual({ ok: true, bins: 3 });
  });

  it("rejects a value that is not an array", () => {
    expect(reason({ length: 5 })).toMatch(/expected an array/);
    expect(reason(3)).toMatch(/number, expected an array/);
  });

  it("rejects an assignment of the wrong length (items missing or extra)", () => {
    expect(reason([0, 0, 1, 1])).toMatch(/4 entries for 5 items/);
    expect(reason([0, 0, 1, 1, 2, 2])).toMatch(/6 entries for 5 items/);
  });

  it("rejects bin indices that are not integers", () => {
    expect(reason([0, 0, 1.5, 1, 2])).toMatch(/item 2 is in bin 1.5/);
    expect(reason([0, 0, "1", 1, 2])).toMatch(/item 2 is in bin 1/);
    expect(reason([0, 0, Number.NaN, 1, 2])).toMatch(/bin NaN/);
  });

  it("rejects negative bins and bins opened out of order", () => {
    expect(reason([-1, 0, 1, 1, 2])).toMatch(/item 0 is in bin -1/);
    expect(reason([0, 0, 2, 2, 1])).toMatch(/item 2 is in bin 2/);
  });

  it("rejects a bin over capacity", () => {
    expect(reason([0, 0, 0, 1, 1])).toMatch(/bin 0 holds 17 after item 2, over 10/);
  });
});
