/**
 * Search mode (driver inside the sandbox) and verify mode (driver in the
 * evaluator, every call crossing the boundary) agree for an honest candidate,
 * and disagree for one that tampers with the driver's realm.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { evaluateFixture, FIXTURES, leftoverSandboxProcesses } from "../helpers/probe.ts";

const tamper = () => loadProblem(path.join(FIXTURES, "problems", "tamper"));

describe("search and verify modes", () => {
  it("give the same score for an honest candidate", async () => {
    const problem = tamper();
    const search = await evaluateFixture("tamper-honest", { problem, mode: "search" });
    const verify = await evaluateFixture("tamper-honest", { problem, mode: "verify" });
    expect(search.outcome).toBe("ok");
    expect(verify.outcome).toBe("ok");
    expect(search.mode).toBe("search");
    expect(verify.mode).toBe("verify");
    expect(search.metrics).toEqual(verify.metrics);
    expect(leftoverSandboxProcesses()).toEqual([]);
  });

  it("differ for a candidate that patches the driver's Array.prototype.push", async () => {
    const problem = tamper();
    const search = await evaluateFixture("tamper-push", { problem, mode: "search" });
    const verify = await evaluateFixture("tamper-push", { problem, mode: "verify" });
    expect(search.outcome).toBe("ok");
    expect(verify.outcome).toBe("ok");
    // The honest total of i % 7 for i < 200 is 594; the patch inflates it tenfold in search mode.
    expect(verify.metrics?.total).toBe(594);
    expect(search.metrics?.total).toBe(5940);
  });
});
