import { describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX_UIDS, sandboxUidRange } from "./identity.ts";

describe("sandboxUidRange", () => {
  it("is the default range unless STEWARD_SANDBOX_UIDS moves it", () => {
    expect(sandboxUidRange({})).toEqual(DEFAULT_SANDBOX_UIDS);
    expect(sandboxUidRange({ STEWARD_SANDBOX_UIDS: "2000000000-2010000000" })).toEqual({
      low: 2_000_000_000,
      high: 2_010_000_000,
    });
  });

  it.each([
    "2000000000", // no high end
    "5-100000", // reaches ordinary users' uids
    "2000000000-2000000010", // too narrow to draw fresh uids from
    "2100000000-2200000000", // above 2^31: bubblewrap cannot map it
  ])("refuses %s, naming the variable and the form it takes", (value) => {
    expect(() => sandboxUidRange({ STEWARD_SANDBOX_UIDS: value })).toThrow(
      /STEWARD_SANDBOX_UIDS=.* is not a usable uid range: write LOW-HIGH/,
    );
  });
});
