import { describe, expect, it } from "vitest";
import { RefusalTally, savedRefusalsOf } from "./refusal-tally.ts";

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

  it("saves its counts with the run and a resumed run continues them; this session's count starts at zero", () => {
    const first = new RefusalTally();
    for (let i = 0; i < 5; i++) first.add("gp", `no operator applied at ${i}`);
    first.add("llm", "SEARCH matched nothing");
    const state = JSON.parse(JSON.stringify({ mutators: {}, refusals: first.save() }));
    expect(savedRefusalsOf(state)).toEqual({
      total: 6,
      reasons: [
        { reason: "gp: no operator applied at N", count: 5 },
        { reason: "llm: SEARCH matched nothing", count: 1 },
      ],
    });

    const resumed = new RefusalTally();
    resumed.restore(state);
    resumed.add("llm", "SEARCH matched nothing");
    expect(resumed.total).toBe(7);
    expect(resumed.sessionTotal).toBe(1);
    expect(resumed.top(2)).toBe("gp: no operator applied at N ×5; llm: SEARCH matched nothing ×2");
  });

  it("reads a state without refusals (an older run) or with broken ones as none", () => {
    expect(savedRefusalsOf(null)).toBeNull();
    expect(savedRefusalsOf({ mutators: {} })).toBeNull();
    expect(savedRefusalsOf({ refusals: { total: "x", reasons: [] } })).toBeNull();
    const tally = new RefusalTally();
    tally.restore({ mutators: {} });
    expect(tally.total).toBe(0);
  });
});
