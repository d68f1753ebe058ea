import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "./did-you-mean.ts";

describe("didYouMean", () => {
  const known = ["evaluator", "eval_timeout_ms", "call_timeout_ms", "program"];

  it("matches ignoring case, dashes and underscores", () => {
    expect(didYouMean("callTimeoutMs", known)).toBe("call_timeout_ms");
    expect(didYouMean("EVAL-TIMEOUT-MS", known)).toBe("eval_timeout_ms");
  });

  it("allows a few typos, relative to the length", () => {
    expect(didYouMean("evalutor", known)).toBe("evaluator");
    expect(didYouMean("eval_timeout", known)).toBe("eval_timeout_ms");
    expect(didYouMean("progam", known)).toBe("program");
    expect(didYouMean("colour", known)).toBeNull();
  });

  it("computes edit distances", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});
