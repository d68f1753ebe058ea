import { describe, expect, it } from "vitest";
import { RefusalTally } from "./refusal-tally.ts";

describe("RefusalTally", () => {
  it("counts reasons that differ only in numbers or quoted text together, most common first", () => {
    const tally = new RefusalTally();
    tally.add(
      "openai:m",
      'the model\'s edit could not be applied (no-match): SEARCH "a = 1" at line 12',
    );
    tally.add(
      "openai:m",
      'the model\'s edit could not be applied (no-match): SEARCH "b" at line 40',
    );
    tally.add("gp", "no operator applied\nsecond line ignored");
    expect(tally.total).toBe(3);
    expect(tally.top(5)).toBe(
      "openai:m: the model's edit could not be applied (no-match): SEARCH … at line N ×2; gp: no operator applied ×1",
    );
    expect(tally.top(1)).not.toContain("gp");
    expect(new RefusalTally().top(3)).toBe("");
  });

  it("keeps a bounded number of distinct reasons", () => {
    const tally = new RefusalTally();
    for (let i = 0; i < 500; i++) tally.add("m", `reason ${"x".repeat(i % 120)}`);
    expect(tally.entries().length).toBeLessThanOrEqual(51);
    expect(tally.entries().reduce((sum, e) => sum + e.count, 0)).toBe(500);
  });
});
