/**
 * Malformed evaluator results through the real path: an evaluator process runs
 * a fixture evaluator that returns (or throws) something odd, chosen by the
 * split, and the engine gets a typed outcome for each. The random cases run
 * against the same check in `src/evaluation/host/metrics.property.test.ts`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { OUTCOME_KINDS, type OutcomeKind } from "../../src/evaluation/outcome.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";

const DIR = fileURLToPath(new URL("./fixtures/evaluator-results/", import.meta.url));

const CASES: [split: string, outcome: OutcomeKind, message: RegExp | null][] = [
  ["ok", "ok", null],
  ["nan", "invalid", /"score" is NaN, expected a finite number/],
  ["infinity", "invalid", /"score" is Infinity/],
  ["string", "invalid", /"score" is the string "1", expected a number/],
  ["nested", "invalid", /"score" is an object/],
  ["missing", "invalid", /objective metric "score" is missing \(metrics: other\)/],
  ["array", "invalid", /metrics is undefined/],
  ["undefined", "invalid", /returned undefined/],
  ["symbol", "invalid", /"score" is a symbol/],
  ["bigint", "invalid", /"score" is the bigint 10n/],
  ["huge", "invalid", /more than 100 metrics/],
  ["extra", "ok", null],
  ["proto", "ok", null],
  ["getter", "invalid", /reading the evaluator's result threw: "boom"/],
  ["throw-null", "crashed", /the evaluator threw null/],
];

describe("evaluator results through an evaluator process", () => {
  const problem = loadProblem(path.resolve(DIR));

  it.each(CASES)("%s ends as %s", async (split, kind, message) => {
    const outcome = await evaluateProgram(problem, { code: problem.seedCode, split });
    expect(OUTCOME_KINDS).toContain(outcome.outcome);
    expect({ outcome: outcome.outcome, error: outcome.error?.message }).toEqual({
      outcome: kind,
      error: message ? expect.stringMatching(message) : undefined,
    });
    if (outcome.outcome === "ok") {
      expect(Object.hasOwn(outcome.metrics ?? {}, "score")).toBe(true);
      for (const value of Object.values(outcome.metrics ?? {}))
        expect(Number.isFinite(value)).toBe(true);
    } else {
      expect(outcome.metrics).toBeNull();
      expect(outcome.error?.message).not.toMatch(/\n\s+at /);
    }
  });
});
