/** Store contract, runs and their candidates: each evaluation acknowledged exactly once. */
import { expect, it } from "vitest";
import type { Store } from "../store.ts";
import { outcome, program } from "./fixtures.test-kit.ts";

export function describeRunsContract(subject: () => Store): void {
  it("keeps runs: create, latest, update, list", () => {
    const store = subject();
    expect(store.runs.latest()).toBeUndefined();
    const a = store.runs.create(7, { workers: 2 });
    expect(a).toMatchObject({
      seed: 7,
      config: { workers: 2 },
      status: "running",
      stopReason: null,
      elapsedMs: 0,
      state: null,
    });
    const b = store.runs.create(8, {});
    expect(store.runs.latest()?.id).toBe(b.id);
    store.runs.update(a.id, {
      status: "stopped",
      stopReason: "stop",
      elapsedMs: 1234.5,
      state: { rates: [1, 2] },
    });
    expect(store.runs.get(a.id)).toMatchObject({
      status: "stopped",
      stopReason: "stop",
      elapsedMs: 1234.5,
      state: { rates: [1, 2] },
    });
    expect(store.runs.list().map((r) => r.id)).toStrictEqual([a.id, b.id]);
  });
  it("keeps a run's candidates in order and acknowledges each evaluation once", () => {
    const store = subject();
    const run = store.runs.create(1, {});
    const seed = store.addProgram(program("seed")).program.id;
    const child = store.addProgram(program("child", [seed], "gp")).program.id;
    const c1 = store.runs.addCandidate({
      runId: run.id,
      programId: seed,
      island: 0,
      parentId: null,
      mutator: "seed",
      operator: "seed",
      generation: 0,
    });
    const c2 = store.runs.addCandidate({
      runId: run.id,
      programId: child,
      island: 1,
      parentId: seed,
      mutator: "gp",
      operator: "constant",
      generation: 1,
    });
    expect(c2).toMatchObject({
      evaluationId: null,
      outcome: null,
      fitness: null,
      features: null,
    });
    expect(store.runs.countEvaluated(run.id)).toBe(0);
    const e = store.runs.recordEvaluation(c1.id, outcome(), {
      fitness: -0.5,
      features: { code_length: 10 },
    });
    expect(e.programId).toBe(seed);
    expect(() =>
      store.runs.recordEvaluation(c1.id, outcome(), { fitness: 1, features: null }),
    ).toThrow();
    const listed = store.runs.candidates(run.id);
    expect(listed.map((c) => c.id)).toStrictEqual([c1.id, c2.id]);
    expect(listed[0]).toMatchObject({
      evaluationId: e.id,
      outcome: "ok",
      fitness: -0.5,
      features: { code_length: 10 },
      metrics: outcome().metrics,
    });
    expect(listed[0]?.sandbox).toBe(outcome().sandbox);
    expect(listed[1]?.evaluationId).toBeNull();
    expect(store.runs.candidates(run.id, c2.id).map((c) => c.id)).toStrictEqual([c2.id]);
    expect(store.runs.candidates(run.id, c2.id + 1)).toStrictEqual([]);
    expect(store.runs.countEvaluated(run.id)).toBe(1);
    expect(store.countEvaluations()).toBe(1);
  });
}
