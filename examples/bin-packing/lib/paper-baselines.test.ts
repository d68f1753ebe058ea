/**
 * The key check of the protocol: the driver, run in this process with First Fit
 * and Best Fit, reproduces Table 1 of the FunSearch paper on its test sets.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { priority as bestFit } from "../baselines/best-fit.ts";
import { priority as firstFit } from "../baselines/first-fit.ts";
import driver from "../driver.ts";
import { priority as seed } from "../program.ts";
import { inProcessCandidate, type Priority } from "./in-process-candidate.ts";
import { excessOverL1, type Instance } from "./instance.ts";
import { loadTestSets } from "./test-sets.ts";
import { verifyAssignment } from "./verify.ts";

const sets = loadTestSets(join(import.meta.dirname, "..", "data"));

async function excessPercent(priority: Priority, instances: readonly Instance[]): Promise<string> {
  const bins: number[] = [];
  for (const instance of instances) {
    const candidate = inProcessCandidate(priority);
    const assignment = await driver.pack(candidate, [...instance.items], instance.capacity);
    expect(candidate.calls).toBe(instance.items.length);
    const verdict = verifyAssignment(instance, assignment);
    if (!verdict.ok) throw new Error(verdict.reason);
    bins.push(verdict.bins);
  }
  return (excessOverL1(instances, bins) * 100).toFixed(2);
}

describe("FunSearch Table 1 on the shared test sets", () => {
  it("OR3: First Fit 5.74%, Best Fit 5.37%", async () => {
    expect(await excessPercent(firstFit, sets.or3)).toBe("5.74");
    expect(await excessPercent(bestFit, sets.or3)).toBe("5.37");
  });

  it("Weibull 5k: First Fit 4.23%, Best Fit 3.98%", async () => {
    expect(await excessPercent(firstFit, sets.weibull5k)).toBe("4.23");
    expect(await excessPercent(bestFit, sets.weibull5k)).toBe("3.98");
  });

  it("the seed program is Best Fit", async () => {
    expect(await excessPercent(seed, sets.weibull5k)).toBe("3.98");
  });
});
