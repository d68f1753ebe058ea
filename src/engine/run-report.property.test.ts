/**
 * The store's tallies (`RunStore.tallies`, `firstAtLeast`, which `steward
 * status` reads) agree with the same tallies made over the run's candidates in
 * memory (`talliesOf`, `firstReaching`), on random runs in a real
 * SQLite store: ties in fitness, seeds re-evaluated, candidates never
 * evaluated, evaluations acknowledged out of order.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { OutcomeKind } from "../evaluation/outcome.ts";
import type { Charter } from "../problem/charter.ts";
import { outcome, program } from "../store/contract/fixtures.test-kit.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { talliesOf } from "./run-report.ts";
import { firstReaching, firstReachingStored } from "./target.ts";

const dir = mkdtempSync(join(tmpdir(), "steward-run-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const candidateArb = fc.record({
  seed: fc.boolean(),
  arm: fc.option(fc.constantFrom("gp", "llm", "other"), { nil: null }),
  outcome: fc.option(fc.constantFrom<OutcomeKind>("ok", "invalid", "timeout", "crashed"), {
    nil: null,
  }),
  // Few distinct values, so ties happen.
  fitness: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  reward: fc.option(fc.constantFrom(-1, 0, 0.5, 1), { nil: null }),
  order: fc.nat(),
});

const charter = (direction: "maximize" | "minimize") =>
  ({ objective: { metric: "score", direction } }) as unknown as Charter;

describe("RunStore.tallies and firstAtLeast", () => {
  it("equal the in-memory tallies over the run's candidates", () => {
    let runNumber = 0;
    fc.assert(
      fc.property(
        fc.array(candidateArb, { maxLength: 25 }),
        fc.integer({ min: -4, max: 4 }),
        fc.constantFrom<"maximize" | "minimize">("maximize", "minimize"),
        (specs, target, direction) => {
          const store = openSqliteStore(join(dir, `store-${++runNumber}.db`));
          try {
            const run = store.runs.create(1, {});
            const made = specs.map((spec, i) => {
              const code = `candidate ${i}`;
              const programId = store.addProgram(program(code)).program.id;
              const c = store.runs.addCandidate({
                runId: run.id,
                programId,
                island: 0,
                parentId: spec.seed ? null : programId,
                mutator: "m",
                operator: `op${i}`,
                generation: i,
                arm: spec.arm,
              });
              return { c, spec };
            });
            // Acknowledge in a shuffled order, as parallel evaluations are.
            const acknowledged = made
              .filter(({ spec }) => spec.outcome !== null)
              .sort((a, b) => a.spec.order - b.spec.order);
            for (const { c, spec } of acknowledged) {
              store.runs.recordEvaluation(c.id, outcome({ outcome: spec.outcome as OutcomeKind }), {
                fitness: spec.fitness,
                features: null,
                reward: spec.reward,
              });
            }
            const candidates = store.runs.candidates(run.id);
            expect(store.runs.tallies(run.id)).toStrictEqual(talliesOf(candidates));
            const ch = charter(direction);
            expect(firstReachingStored(store, run.id, ch, target)).toStrictEqual(
              firstReaching(candidates, ch, target),
            );
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
