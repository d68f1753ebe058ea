/**
 * The contract every Store implementation passes. An implementation's test file
 * calls `describeStoreContract` with a factory that opens a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EvaluationOutcome, OUTCOME_KINDS } from "../evaluation/outcome.ts";
import { programHash } from "../util/hash.ts";
import type { NewProgram, Store } from "./store.ts";

export interface StoreUnderTest {
  store: Store;
  /** Closes the store and removes whatever it wrote. */
  cleanup(): void;
}

export function program(code: string, parentIds?: number[], origin = "seed"): NewProgram {
  return { hash: programHash(code), code, origin, ...(parentIds && { parentIds }) };
}

export function outcome(overrides: Partial<EvaluationOutcome> = {}): EvaluationOutcome {
  return {
    outcome: "ok",
    metrics: { score: 0.875, size: 12, negative: -3.5e-7 },
    error: null,
    mode: "search",
    split: "train",
    durationMs: 123.456,
    peakMemoryBytes: 52_428_800,
    sandbox: "bubblewrap",
    stdout: "hello\n",
    stderr: "",
    artifacts: { bins: [3, 1, 2], nested: { ok: true, note: null, text: "x" } },
    log: ["started", "done"],
    warnings: [],
    ...overrides,
  };
}

export function describeStoreContract(name: string, makeStore: () => StoreUnderTest): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeEach(() => {
      subject = makeStore();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    it("is at a positive schema version", () => {
      expect(Number.isInteger(store.schemaVersion) && store.schemaVersion > 0).toBe(true);
    });

    it("adds a program and reads it back by id and by hash", () => {
      const { program: added, created } = store.addProgram(program("return 1;"));
      expect(created).toBe(true);
      expect(Number.isInteger(added.id) && added.id > 0).toBe(true);
      expect(added).toMatchObject({ code: "return 1;", origin: "seed", parentIds: [] });
      expect(new Date(added.createdAt).toISOString()).toBe(added.createdAt);
      expect(store.getProgram(added.id)).toStrictEqual(added);
      expect(store.getProgramByHash(added.hash)).toStrictEqual(added);
    });

    it("dedupes by hash: a second add returns the stored program, not created", () => {
      const first = store.addProgram(program("return 2;", undefined, "seed")).program;
      const again = store.addProgram(program("return 2;", undefined, "mutator"));
      expect(again).toStrictEqual({ program: first, created: false });
      expect(store.countPrograms()).toBe(1);
    });

    it("keeps parent ids in the order given", () => {
      const [a, b, c] = ["a", "b", "c"].map((code) => store.addProgram(program(code)).program.id);
      const child = store.addProgram(program("child", [c ?? 0, a ?? 0, b ?? 0], "mutator")).program;
      expect(child.parentIds).toStrictEqual([c, a, b]);
      expect(store.getProgram(child.id)?.parentIds).toStrictEqual([c, a, b]);
      expect(store.getProgramByHash(child.hash)?.parentIds).toStrictEqual([c, a, b]);
    });

    it("rejects an unknown parent and stores nothing", () => {
      const parent = store.addProgram(program("parent")).program;
      const unknown = parent.id + 1000;
      const orphan = program("orphan", [parent.id, unknown]);
      expect(() => store.addProgram(orphan)).toThrow(
        expect.objectContaining({
          code: "store-failed",
          message: expect.stringContaining(`${unknown}`),
        }),
      );
      expect(store.getProgramByHash(orphan.hash)).toBeUndefined();
      expect(store.countPrograms()).toBe(1);
    });

    it("returns undefined for unknown ids and hashes", () => {
      expect(store.getProgram(42)).toBeUndefined();
      expect(store.getProgramByHash(programHash("nothing"))).toBeUndefined();
    });

    it("round-trips every field of an ok evaluation exactly", () => {
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
      const id = store.addProgram(program("p")).program.id;
      for (const kind of OUTCOME_KINDS) store.addEvaluation(id, outcome({ outcome: kind }));
      expect(store.listEvaluations(id).map((e) => e.outcome)).toStrictEqual([...OUTCOME_KINDS]);
    });

    it("lists a program's evaluations oldest first, and only its own", () => {
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
      expect([store.countPrograms(), store.countEvaluations()]).toStrictEqual([0, 0]);
      const p = store.addProgram(program("p")).program.id;
      store.addProgram(program("q"));
      store.addProgram(program("p"));
      store.addEvaluation(p, outcome());
      store.addEvaluation(p, outcome({ outcome: "timeout", metrics: null }));
      expect([store.countPrograms(), store.countEvaluations()]).toStrictEqual([2, 2]);
    });

    it("rejects an evaluation of an unknown program", () => {
      expect(() => store.addEvaluation(999, outcome())).toThrow(
        expect.objectContaining({ code: "store-failed", message: expect.stringContaining("999") }),
      );
      expect(store.countEvaluations()).toBe(0);
    });

    it("keeps runs: create, latest, update, list", () => {
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
      expect(listed[1]?.evaluationId).toBeNull();
      expect(store.runs.countEvaluated(run.id)).toBe(1);
      expect(store.countEvaluations()).toBe(1);
    });

    it("keeps pins, champions, proposals and verdicts", () => {
      const seed = store.addProgram(program("seed")).program;
      const child = store.addProgram(program("child", [seed.id])).program;
      expect(store.oversight.latestPin()).toBeUndefined();
      store.oversight.addPin({ files: { "steward.yaml": "aa" }, approvers: [], acceptedBy: null });
      store.oversight.addPin({
        files: { "steward.yaml": "bb" },
        approvers: [{ name: "ada", key: "k" }],
        acceptedBy: "ada",
      });
      expect(store.oversight.latestPin()).toMatchObject({
        files: { "steward.yaml": "bb" },
        approvers: [{ name: "ada", key: "k" }],
        acceptedBy: "ada",
      });
      store.oversight.addChampion({
        programId: seed.id,
        proposalId: null,
        reason: "seed",
        objective: 2,
      });
      const proposal = store.oversight.addProposal({
        runId: null,
        programId: child.id,
        championProgramId: seed.id,
        status: "open",
        contentHash: "c0ffee",
        content: { diff: "x", metrics: { score: 1 } },
        extraApprovals: 1,
      });
      expect(store.oversight.getProposal(proposal.id)?.content).toEqual({
        diff: "x",
        metrics: { score: 1 },
      });
      expect(store.oversight.findProposal(child.id, seed.id)?.id).toBe(proposal.id);
      expect(store.oversight.listProposals("open")).toHaveLength(1);
      store.oversight.setProposalStatus(proposal.id, "deployed");
      expect(store.oversight.listProposals("open")).toHaveLength(0);
      store.oversight.addVerdict({
        proposalId: proposal.id,
        verdict: "approve",
        approver: "ada",
        publicKey: "ed25519:x",
        contentHash: "c0ffee",
        signature: "sig",
        message: "",
      });
      expect(store.oversight.verdicts(proposal.id).map((v) => v.approver)).toEqual(["ada"]);
      store.oversight.addChampion({
        programId: child.id,
        proposalId: proposal.id,
        reason: "deploy",
        objective: 1,
      });
      expect(store.oversight.champions().map((c) => c.reason)).toEqual(["seed", "deploy"]);
    });

    it("reads every oversight row back exactly as its add returned it, all of them in id order", () => {
      // The ledger binds the record an add returns (src/oversight/store-binding.ts):
      // a store that reads back anything else would look tampered with.
      const seed = store.addProgram(program("seed")).program;
      const pins = [
        store.oversight.addPin({ files: { b: "1", a: "2" }, approvers: [], acceptedBy: null }),
        store.oversight.addPin({
          files: { a: "3" },
          approvers: [{ name: "ada", key: "k" }],
          acceptedBy: "ada",
        }),
      ];
      expect(store.oversight.pins()).toEqual(pins);
      const champion = store.oversight.addChampion({
        programId: seed.id,
        proposalId: null,
        reason: "seed",
        objective: 0.1 + 0.2,
      });
      expect(store.oversight.champions()).toEqual([champion]);
      const child = store.addProgram(program("child", [seed.id])).program;
      const proposals = [seed, child].map((p, n) =>
        store.oversight.addProposal({
          runId: null,
          programId: p.id,
          championProgramId: seed.id,
          status: "open",
          contentHash: `c${n}`,
          content: { n },
          extraApprovals: 0,
        }),
      );
      const verdicts = [proposals[1], proposals[0], proposals[1]].map((p, i) =>
        store.oversight.addVerdict({
          proposalId: p?.id ?? 0,
          verdict: i === 1 ? "reject" : "approve",
          approver: `a${i}`,
          publicKey: "ed25519:x",
          contentHash: p?.contentHash ?? "",
          signature: `s${i}`,
          message: "µ ✓",
        }),
      );
      expect(store.oversight.listVerdicts()).toEqual(verdicts);
      expect(store.oversight.verdicts(proposals[1]?.id ?? 0)).toEqual([verdicts[0], verdicts[2]]);
      expect(store.oversight.listProposals()).toEqual(proposals);
    });

    it("keeps ledger rows in order and LLM spend per model", () => {
      for (const kind of ["a", "b", "c"]) {
        store.ledger.append({ kind, body: `{"k":"${kind}"}`, leafHash: kind, createdAt: "t" });
      }
      expect(store.ledger.count()).toBe(3);
      expect(store.ledger.list(2).map((r) => [r.seq, r.kind])).toEqual([
        [2, "b"],
        [3, "c"],
      ]);
      store.ledger.addCheckpoint({ size: 3, root: "r", time: "t", publicKey: "k", signature: "s" });
      expect(store.ledger.checkpoints()).toHaveLength(1);
      const call = { runId: null, candidateId: null, purpose: "mutate", latencyMs: 5, error: null };
      store.llm.recordCall({
        ...call,
        model: "m1",
        promptTokens: 10,
        completionTokens: 5,
        cost: 0.5,
        outcome: "ok",
      });
      store.llm.recordCall({
        ...call,
        model: "m1",
        promptTokens: 1,
        completionTokens: 0,
        cost: 0.25,
        outcome: "error",
      });
      store.llm.recordCall({
        ...call,
        model: "m2",
        promptTokens: 2,
        completionTokens: 2,
        cost: 0,
        outcome: "ok",
      });
      expect(store.llm.spendByModel()).toEqual([
        { model: "m1", calls: 2, failed: 1, promptTokens: 11, completionTokens: 5, cost: 0.75 },
        { model: "m2", calls: 1, failed: 0, promptTokens: 2, completionTokens: 2, cost: 0 },
      ]);
    });

    it("commits a transaction's writes together or not at all", () => {
      expect(() =>
        store.transaction(() => {
          store.addProgram(program("rolled back"));
          throw new Error("boom");
        }),
      ).toThrow(/boom/);
      expect(store.countPrograms()).toBe(0);
      store.transaction(() => store.transaction(() => store.addProgram(program("kept"))));
      expect(store.countPrograms()).toBe(1);
    });
  });
}
