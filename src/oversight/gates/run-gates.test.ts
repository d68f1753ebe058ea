import { describe, expect, it } from "vitest";
import { StewardError } from "../../errors.ts";
import { crashed, testContext } from "./gate-context.test-kit.ts";
import { runGates } from "./run-gates.ts";

describe("runGates", () => {
  it("passes a clean candidate, every gate in order", async () => {
    const { ctx } = testContext({ largest: 1 });
    const report = await runGates(ctx);
    expect(report.passed).toBe(true);
    expect(report.needsExtraApproval).toBe(false);
    expect(report.results.map((r) => [r.gate, r.status])).toEqual([
      ["verify", "pass"],
      ["stability", "pass"],
      ["holdout", "pass"],
      ["resources", "pass"],
      ["implausible", "pass"],
    ]);
  });

  it("evaluates each program once per mode, split and seed", async () => {
    const { ctx, calls } = testContext({ championSearch: null, largest: 1 });
    await runGates(ctx);
    const keys = calls.map((c) => `${c.who} ${c.mode} ${c.split} ${c.seed}`);
    expect(new Set(keys).size).toBe(keys.length);
    // verify 1 + stability 2 + holdout 2 + champion on train 3: resources runs each side
    // on the search seed and the stability seeds, sharing the candidate's runs with
    // stability and the champion's first with implausible.
    expect(keys).toHaveLength(8);
  });

  it("blocks on a failed gate, and on one that errors", async () => {
    const failed = await runGates(testContext({ candidateSearch: 50 }).ctx);
    expect(failed.passed).toBe(false);
    expect(failed.results.find((r) => r.gate === "verify")?.status).toBe("fail");
    const errored = await runGates(
      testContext({
        script: (who, o) =>
          who === "champion" && o.split === "holdout" ? crashed : who === "candidate" ? 10 : 5,
      }).ctx,
    );
    expect(errored.passed).toBe(false);
    expect(errored.results.map((r) => r.status)).toEqual([
      "pass",
      "pass",
      "error",
      "pass",
      "skipped",
    ]);
  });

  it("needs an extra approval for a flag, without blocking", async () => {
    const report = await runGates(testContext({ largest: 0.1 }).ctx);
    expect(report).toMatchObject({ passed: true, needsExtraApproval: true });
  });

  it("keeps evidence plain JSON", async () => {
    const report = await runGates(testContext({ candidateSearch: 0, script: () => 0 }).ctx);
    for (const result of report.results) {
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });

  it("rejects with a stopped error when aborted", async () => {
    const controller = new AbortController();
    const { ctx } = testContext({
      script: () => {
        controller.abort();
        return new Error("aborted");
      },
    });
    ctx.signal = controller.signal;
    await expect(runGates(ctx)).rejects.toSatisfy(
      (error) => error instanceof StewardError && error.code === "stopped",
    );
  });
});
