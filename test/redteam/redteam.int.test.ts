/**
 * The red-team corpus as part of `npm test`: the same attacks and checks as
 * `npm run redteam`, failing on any attack that got through.
 */
import { describe, expect, it } from "vitest";
import { CORPUS } from "./corpus/index.ts";
import { candidateExists } from "./load-candidate.ts";
import { reportLine } from "./report.ts";
import { runCorpus } from "./run-corpus.ts";

describe("red-team corpus", () => {
  it("has at least 40 attacks, each with its candidate, covering every category", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((a) => a.name)).size).toBe(CORPUS.length);
    for (const attack of CORPUS) expect(candidateExists(attack.name), attack.name).toBe(true);
    expect(new Set(CORPUS.map((a) => a.category))).toEqual(
      new Set(["escape", "secrets", "network", "resources", "forgery", "persistence"]),
    );
  });

  it("every attack is contained, with the policy scan off", { timeout: 300_000 }, async () => {
    const run = await runCorpus(CORPUS);
    const failed = run.reports.filter((r) => r.status === "FAIL").map(reportLine);
    expect(failed).toEqual([]);
  });
});
