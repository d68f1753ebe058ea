/**
 * The dashboard's run cache reads only what changed, and what it shows is what
 * a full read shows: after candidates are made, evaluated out of order and new
 * ones added, its candidates, summary, chart series and population equal those
 * computed from the whole run read afresh.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reportRun } from "../../src/engine/run-report.ts";
import { RunState } from "../../src/engine/run-state.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { progressSeries } from "../../src/report/progress-series.ts";
import { RunCache } from "../../src/serve/run-cache.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import type { CandidateRecord } from "../../src/store/run-store.ts";
import type { Store } from "../../src/store/store.ts";
import { programHash } from "../../src/util/hash.ts";
import { makeReviewStore, okOutcome } from "./review-store.ts";

let root: string;
let dir: string;
let store: Store;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-run-cache-"));
  const config = path.join(root, "config");
  vi.stubEnv("STEWARD_CONFIG_DIR", config);
  dir = makeReviewStore(root, config).dir;
  store = openProblemStore(dir);
});

afterAll(() => {
  store?.close();
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

let made = 0;
function newCandidate(island: number): CandidateRecord {
  const code = `export const v = ${made++};\n`;
  const program = store.addProgram({ hash: programHash(code), code, parentIds: [1], origin: "gp" });
  return store.runs.addCandidate({
    runId: 1,
    programId: program.program.id,
    island,
    parentId: 1,
    mutator: "gp",
    operator: "constant",
    generation: 1,
  });
}

function evaluate(c: CandidateRecord, error: number): void {
  store.runs.recordEvaluation(c.id, okOutcome({ error }), {
    fitness: -error,
    features: { code_length: c.id % 7 },
  });
}

describe("the dashboard's run cache", () => {
  it("follows the store incrementally and agrees with a full read", () => {
    const problem = loadProblem(dir);
    const cache = new RunCache(1);
    const view = () => cache.view(store, store.runs.get(1) as never, problem.charter);
    const first = view();
    first.population(); // the replay exists, so later changes are applied to it
    expect(first.report().evaluated).toBe(2);

    const waiting = [newCandidate(0), newCandidate(1), newCandidate(0)];
    evaluate(waiting[1] as CandidateRecord, 0.9); // out of order: the middle one first
    const second = view();
    expect(second.report().evaluated).toBe(3);
    expect(second.candidates.filter((c) => c.evaluationId === null)).toHaveLength(2);

    evaluate(waiting[2] as CandidateRecord, 0.5);
    evaluate(waiting[0] as CandidateRecord, 1.2);
    const later = [newCandidate(1), newCandidate(1)];
    evaluate(later[0] as CandidateRecord, 0.7);
    const third = view();

    const all = store.runs.candidates(1);
    const run = store.runs.get(1);
    if (!run) throw new Error("no run 1");
    expect(third.candidates.map((c) => [c.id, c.evaluationId, c.fitness])).toEqual(
      all.map((c) => [c.id, c.evaluationId, c.fitness]),
    );
    expect(third.report()).toEqual(reportRun(run, all, problem.charter));
    const champions = store.oversight.champions();
    expect(third.series(champions)).toEqual(progressSeries(all, champions, problem.charter));
    const rebuilt = RunState.rebuild(problem.charter, {}, all).population.snapshot();
    expect(third.population()).toEqual(rebuilt);
    expect(third.sandbox()).toEqual({ used: ["process"], weakest: "process" });
    expect(third.byProgram.get(waiting[0]?.programId as number)?.fitness).toBe(-1.2);
  });

  it("changes nothing when nothing changed", () => {
    const problem = loadProblem(dir);
    const cache = new RunCache(1);
    const run = store.runs.get(1) as never;
    const a = cache.view(store, run, problem.charter);
    const b = cache.view(store, run, problem.charter);
    expect(b.candidates).toBe(a.candidates);
    expect(b.report()).toBe(a.report());
  });
});
