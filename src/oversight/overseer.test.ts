/**
 * The overseer with scripted evaluations (no sandbox): it pins the charter,
 * makes the seed the champion, gates only the best candidate of a burst, makes
 * the champion's gate evaluations once, and records proposals in the ledger.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { Ledger } from "../ledger/ledger.ts";
import { verifyLedger } from "../ledger/verify-ledger.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { outcome } from "../store/contract/store-contract.test-kit.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import { Overseer } from "./overseer.ts";

const EXAMPLE = new URL("../../examples/symbolic-regression", import.meta.url).pathname;

let dir: string;
let store: Store;
let problem: Problem;
let calls: Array<{ code: string; mode: string; split: string }>;

function ok(
  rmse: number,
  split = "train",
  mode: "search" | "verify" = "search",
): EvaluationOutcome {
  return outcome({ metrics: { rmse }, mode, split, durationMs: 300, artifacts: {}, log: [] });
}

/** Programs score their number in the code: "// score 0.5" -> rmse 0.5 on every split. */
const scoreOf = (code: string) => Number(/score ([\d.]+)/.exec(code)?.[1] ?? 2);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-overseer-"));
  fs.cpSync(EXAMPLE, path.join(dir, "p"), {
    recursive: true,
    filter: (s) => !s.includes(".steward"),
  });
  process.env.STEWARD_CONFIG_DIR = path.join(dir, "config");
  problem = loadProblem(path.join(dir, "p"));
  store = openSqliteStore(path.join(problem.dir, ".steward", "steward.db"));
  calls = [];
});

afterEach(() => {
  store.close();
  delete process.env.STEWARD_CONFIG_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("Overseer", () => {
  it("gates the best of a burst, evaluates the champion once, and ledgers the proposals", async () => {
    const run = store.runs.create(1, {});
    let release: () => void = () => {};
    let gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const overseer = new Overseer({
      problem,
      store,
      ledger: new Ledger(store, problem.dir),
      runId: run.id,
      evaluationSeed: 0,
      signal: new AbortController().signal,
      async evaluate(code, options) {
        calls.push({ code, mode: options.mode, split: options.split });
        await gate;
        return ok(scoreOf(code), options.split, options.mode);
      },
    });
    overseer.start({ resumed: false, seed: 1 });
    const add = (score: number) => {
      const code = `${problem.seedCode}\n// score ${score}\n`;
      return store.addProgram({ hash: programHash(code), code, origin: "test" }).program;
    };
    const seed = add(2);
    overseer.seedEvaluated(seed.id, ok(2));
    expect(overseer.champion()?.programId).toBe(seed.id);

    const observe = (score: number, warnings: string[] = []) => {
      const program = add(score);
      overseer.observe({
        programId: program.id,
        code: program.code,
        outcome: { ...ok(score), warnings },
        mutator: "gp",
        operator: "constant",
        rationale: null,
      });
      return program;
    };
    const first = observe(1.5); // gated at once (waits on `gate`)
    observe(1.2); // a burst while the first is gated: replaced...
    // ...by this one, whose policy-scan findings ("flag" mode) reviewers must see.
    const best = observe(1.0, ["policy scan: line 9 clock-patch (Date.now)"]);
    observe(1.8); // worse than what is already gated: ignored
    expect(overseer.gating).toBe(2);
    release();
    await overseer.settle();
    // settle() resolves with the run in progress; the queued one follows.
    while (overseer.gating > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    gate = Promise.resolve();

    const proposals = store.oversight.listProposals();
    expect(proposals.map((p) => [p.programId, p.status])).toEqual([
      [first.id, "open"],
      [best.id, "open"],
    ]);
    // This evaluate ignores the seed, which the stability gate's warning says.
    expect(proposals[1]?.content.warnings).toEqual([
      "policy scan: line 9 clock-patch (Date.now)",
      expect.stringMatching(/^stability gate: .*ignore ctx\.seed/),
    ]);
    const championCalls = calls.filter((c) => c.code === seed.code);
    // verify on holdout, and on train at the 3 seeds of the resources gate, once for both gate runs.
    expect(championCalls.map((c) => `${c.mode}:${c.split}`).sort()).toEqual([
      "verify:holdout",
      "verify:train",
      "verify:train",
      "verify:train",
    ]);
    const log = new Ledger(store, problem.dir).entries().map((e) => e.kind);
    expect(log.filter((k) => k === "proposal")).toHaveLength(2);
    expect(log.filter((k) => k === "gate-result")).toHaveLength(10);
    expect(verifyLedger(store, problem.dir).ok).toBe(true);
  });
});
