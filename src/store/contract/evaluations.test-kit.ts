/** Store contract, evaluations: every field round-trips exactly, per program, oldest first. */
import { expect, it } from "vitest";
import { OUTCOME_KINDS } from "../../evaluation/outcome.ts";
import type { Store } from "../store.ts";
import { outcome, program } from "./fixtures.test-kit.ts";

export function describeEvaluationsContract(subject: () => Store): void {
  it("round-trips every field of an ok evaluation exactly", () => {
    const store = subject();
    const id = store.addProgram(program("p")).program.id;
    const given = outcome({ warnings: ["artifacts trimmed", "slow"], split: "holdout" });
    const record = store.addEvaluation(id, given);
    expect(record).toStrictEqual({
      ...given,
      id: record.id,
      programId: id,
      createdAt: record.createdAt,
    });
    expect(store.listEvaluations(id)).toStrictEqual([record]);
  });
  it("round-trips a failed evaluation: null metrics, an error with detail, no memory figure", () => {
    const store = subject();
    const id = store.addProgram(program("p")).program.id;
    const given = outcome({
      outcome: "crashed",
      metrics: null,
      error: {
        source: "candidate",
        message: "TypeError: x is undefined",
        detail: "at f (c.js:1)",
      },
      mode: "verify",
      peakMemoryBytes: null,
      sandbox: "process",
      artifacts: {},
      log: [],
    });
    const record = store.addEvaluation(id, given);
    expect(store.listEvaluations(id)).toStrictEqual([record]);
    expect(store.listEvaluations(id)[0]).toMatchObject(given);
  });
  it("round-trips large and unusual output text", () => {
    const store = subject();
    const id = store.addProgram(program("p")).program.id;
    const stdout = `${"line of output ✓ ünïcödé 🚀\n".repeat(40_000)}\u0000after a NUL`;
    const stderr = 'tab\tcr\r\nquote"backslash\\';
    const record = store.addEvaluation(id, outcome({ stdout, stderr }));
    const [read] = store.listEvaluations(id);
    expect(read?.stdout).toBe(stdout);
    expect(read?.stderr).toBe(stderr);
    expect(read).toStrictEqual(record);
  });
  it("stores every outcome kind", () => {
    const store = subject();
    const id = store.addProgram(program("p")).program.id;
    for (const kind of OUTCOME_KINDS) store.addEvaluation(id, outcome({ outcome: kind }));
    expect(store.listEvaluations(id).map((e) => e.outcome)).toStrictEqual([...OUTCOME_KINDS]);
  });
  it("lists a program's evaluations oldest first, and only its own", () => {
    const store = subject();
    const p = store.addProgram(program("p")).program.id;
    const q = store.addProgram(program("q")).program.id;
    const durations = [5, 1, 4, 2, 3];
    for (const durationMs of durations) {
      store.addEvaluation(p, outcome({ durationMs }));
      store.addEvaluation(q, outcome({ durationMs: durationMs + 100 }));
    }
    const listed = store.listEvaluations(p);
    expect(listed.map((e) => e.durationMs)).toStrictEqual(durations);
    expect(listed.every((e) => e.programId === p)).toBe(true);
    const ids = listed.map((e) => e.id);
    expect(ids).toStrictEqual([...ids].sort((x, y) => x - y));
    expect(store.listEvaluations(q + 1000)).toStrictEqual([]);
  });
  it("counts programs and evaluations", () => {
    const store = subject();
    expect([store.countPrograms(), store.countEvaluations()]).toStrictEqual([0, 0]);
    const p = store.addProgram(program("p")).program.id;
    store.addProgram(program("q"));
    store.addProgram(program("p"));
    store.addEvaluation(p, outcome());
    store.addEvaluation(p, outcome({ outcome: "timeout", metrics: null }));
    expect([store.countPrograms(), store.countEvaluations()]).toStrictEqual([2, 2]);
  });
  it("rejects an evaluation of an unknown program", () => {
    const store = subject();
    expect(() => store.addEvaluation(999, outcome())).toThrow(
      expect.objectContaining({ code: "store-failed", message: expect.stringContaining("999") }),
    );
    expect(store.countEvaluations()).toBe(0);
  });
}
