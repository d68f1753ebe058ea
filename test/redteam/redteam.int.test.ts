/**
 * The red-team corpora as part of `npm test`: the same attacks and checks as
 * `npm run redteam`, at the level this machine gives (bubblewrap on CI),
 * failing on any attack that got through. `npm run redteam` adds the other
 * levels.
 */
import { describe, expect, it } from "vitest";
import { CORPUS } from "./corpus/index.ts";
import { PYTHON_CORPUS } from "./corpus/python.ts";
import { candidateExists } from "./load-candidate.ts";
import { reportLine } from "./report.ts";
import { runCorpus } from "./run-corpus.ts";

const CATEGORIES = new Set(["escape", "secrets", "network", "resources", "forgery", "persistence"]);

describe("red-team corpus", () => {
  it("has at least 40 attacks, each with its candidate, covering every category", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((a) => a.name)).size).toBe(CORPUS.length);
    for (const attack of CORPUS) expect(candidateExists(attack.name), attack.name).toBe(true);
    expect(new Set(CORPUS.map((a) => a.category))).toEqual(CATEGORIES);
  });

  it("every attack is contained, with the policy scan off", { timeout: 600_000 }, async () => {
    const run = await runCorpus(CORPUS);
    const failed = run.reports.filter((r) => r.status === "FAIL").map(reportLine);
    expect(failed).toEqual([]);
  });
});

describe("Python red-team corpus", () => {
  it("has at least 15 attacks, each with its candidate, covering every category", () => {
    expect(PYTHON_CORPUS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(PYTHON_CORPUS.map((a) => a.name)).size).toBe(PYTHON_CORPUS.length);
    for (const attack of PYTHON_CORPUS)
      expect(candidateExists(attack.name, "python"), attack.name).toBe(true);
    expect(new Set(PYTHON_CORPUS.map((a) => a.category))).toEqual(CATEGORIES);
  });

  it("every attack is contained, with the policy scan off", { timeout: 600_000 }, async () => {
    const run = await runCorpus(PYTHON_CORPUS, { language: "python" });
    expect(run.unavailable).toBeUndefined();
    expect(run.reports).toHaveLength(PYTHON_CORPUS.length);
    const failed = run.reports.filter((r) => r.status === "FAIL").map(reportLine);
    expect(failed).toEqual([]);
  });
});
