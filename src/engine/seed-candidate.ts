/**
 * The seed: a new run's first candidate is the problem's own program, stored
 * like any other (origin "seed", no parent, island 0) so that resuming and the
 * ledger treat it alike. A run whose seed does not evaluate ok cannot evolve
 * anything, so it stops with an error that says how to find out why.
 */
import { StewardError } from "../errors.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { CandidateRecord } from "../store/run-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";

/** Stores the seed program and its candidate for the run. */
export function addSeedCandidate(store: Store, runId: number, code: string): CandidateRecord {
  const { program } = store.addProgram({ hash: programHash(code), code, origin: "seed" });
  return store.runs.addCandidate({
    runId,
    programId: program.id,
    island: 0,
    parentId: null,
    mutator: "seed",
    operator: "seed",
    generation: 0,
  });
}

/** The error that stops a run whose seed evaluated to `outcome` (not ok). */
export function seedFailed(problem: Problem, outcome: string | null | undefined): StewardError {
  return new StewardError(
    "seed-failed",
    `the seed program does not evaluate ok (${outcome ?? "no outcome"}): run "steward eval ${problem.dir}" to see why, and fix the seed or the evaluator`,
  );
}
