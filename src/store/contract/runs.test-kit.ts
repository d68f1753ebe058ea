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
  it("sums a run up without reading its candidates: tallies and firstAtLeast", () => {
    const store = subject();
    const run = store.runs.create(1, {});
    const other = store.runs.create(2, {});
    const seedProgram = store.addProgram(program("seed")).program.id;
    const add = (name: string, fields: { parentId: number | null; arm?: string; runId?: number }) =>
      store.runs.addCandidate({
        runId: fields.runId ?? run.id,
        programId:
          name === "seed"
            ? seedProgram
            : store.addProgram(program(name, [seedProgram], "gp")).program.id,
        island: 0,
        parentId: fields.parentId,
        mutator: fields.arm ?? "gp",
        operator: `op-${name}`,
        generation: name === "seed" ? 0 : 1,
        arm: fields.arm ?? null,
      });
    const empty = store.runs.tallies(run.id);
    expect(empty).toStrictEqual({
      candidates: 0,
      evaluated: 0,
      outcomes: {},
      seedFitness: null,
      best: null,
      arms: [],
    });
    expect(store.runs.firstAtLeast(run.id, 0)).toBeNull();

    const seed = add("seed", { parentId: null });
    const a = add("a", { parentId: seedProgram, arm: "llm" });
    const b = add("b", { parentId: seedProgram, arm: "gp" });
    const c = add("c", { parentId: seedProgram, arm: "llm" });
    const d = add("d", { parentId: seedProgram, arm: "llm" });
    add("e", { parentId: seedProgram, arm: "gp" }); // never evaluated
    add("x", { parentId: seedProgram, arm: "other", runId: other.id });
    // Acknowledged out of order (c before b), as parallel evaluations are.
    store.runs.recordEvaluation(seed.id, outcome(), { fitness: 1, features: null });
    store.runs.recordEvaluation(a.id, outcome({ outcome: "timeout" }), {
      fitness: null,
      features: null,
      reward: 0,
    });
    store.runs.recordEvaluation(c.id, outcome(), { fitness: 3, features: null, reward: 1 });
    store.runs.recordEvaluation(b.id, outcome(), { fitness: 3, features: null, reward: 0.5 });
    store.runs.recordEvaluation(d.id, outcome(), { fitness: 2, features: null, reward: 0 });

    expect(store.runs.tallies(run.id)).toStrictEqual({
      candidates: 6,
      evaluated: 5,
      outcomes: { ok: 4, timeout: 1 },
      seedFitness: 1,
      // b and c tie; b was made first.
      best: { programId: b.programId, fitness: 3, operator: "op-b", generation: 1 },
      arms: [
        { arm: "llm", candidates: 3, improved: 1 },
        { arm: "gp", candidates: 2, improved: 1 },
      ],
    });
    // In acknowledgement order: seed 1, a (no fitness), c 3 -> the third evaluation.
    expect(store.runs.firstAtLeast(run.id, 2.5)).toStrictEqual({
      evaluations: 3,
      programId: c.programId,
      fitness: 3,
    });
    expect(store.runs.firstAtLeast(run.id, 1)).toStrictEqual({
      evaluations: 1,
      programId: seedProgram,
      fitness: 1,
    });
    expect(store.runs.firstAtLeast(run.id, 3.5)).toBeNull();
    expect(store.runs.tallies(other.id)).toMatchObject({ candidates: 1, evaluated: 0 });
  });
}
