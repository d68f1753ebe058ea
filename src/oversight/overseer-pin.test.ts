/**
 * The pin around gate runs, with scripted evaluations (no sandbox): a pinned
 * file that changes before or while a candidate is gated leaves no proposal
 * (its evidence would come from unaccepted files), halts oversight naming the
 * file, and is ledgered once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import { Ledger } from "../ledger/ledger.ts";
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

const ok = (rmse: number, split = "train", mode: "search" | "verify" = "search") =>
  outcome({ metrics: { rmse }, mode, split, durationMs: 300, artifacts: {}, log: [] });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-overseer-pin-"));
  fs.cpSync(EXAMPLE, path.join(dir, "p"), {
    recursive: true,
    filter: (s) => !s.includes(".steward"),
  });
  process.env.STEWARD_CONFIG_DIR = path.join(dir, "config");
  problem = loadProblem(path.join(dir, "p"));
  store = openSqliteStore(path.join(problem.dir, ".steward", "steward.db"));
});

afterEach(() => {
  store.close();
  delete process.env.STEWARD_CONFIG_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An overseer whose evaluations wait for `release`, with a seed champion (rmse 2). */
function setUp() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const evaluated: string[] = [];
  const ledger = new Ledger(store, problem.dir);
  const overseer = new Overseer({
    problem,
    store,
    ledger,
    runId: store.runs.create(1, {}).id,
    evaluationSeed: 0,
    signal: new AbortController().signal,
    async evaluate(code, options): Promise<EvaluationOutcome> {
      evaluated.push(code);
      await gate;
      return ok(Number(/score ([\d.]+)/.exec(code)?.[1] ?? 2), options.split, options.mode);
    },
  });
  overseer.start({ resumed: false, seed: 1 });
  const add = (score: number) => {
    const code = `${problem.seedCode}\n// score ${score}\n`;
    return store.addProgram({ hash: programHash(code), code, origin: "test" }).program;
  };
  const seed = add(2);
  overseer.seedEvaluated(seed.id, ok(2));
  const observe = (score: number) => {
    const program = add(score);
    overseer.observe({
      programId: program.id,
      code: program.code,
      outcome: ok(score),
      mutator: "gp",
      operator: "constant",
      rationale: null,
    });
  };
  const settled = async () => {
    while (overseer.gating > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { overseer, ledger, evaluated, release, observe, settled };
}

describe("the pin around gate runs", { timeout: 30_000 }, () => {
  it("halts a gate run whose evaluator changed while it ran: no proposal, one ledger entry", async () => {
    const { overseer, ledger, evaluated, release, observe, settled } = setUp();
    observe(1);
    expect(overseer.gating).toBe(1);
    fs.appendFileSync(path.join(problem.dir, "evaluate.ts"), "\n// edited mid-gate\n");
    release();
    await settled();
    expect(evaluated.length).toBeGreaterThan(0);
    expect(store.oversight.listProposals()).toEqual([]);
    expect(overseer.failure).toBeNull();
    expect(overseer.halted?.code).toBe("charter-changed");
    expect(overseer.halted?.message).toMatch(/evaluate\.ts \(changed\)/);
    expect(() => overseer.checkPin()).toThrow(/evaluate\.ts \(changed\)/);
    const changes = ledger.entries().filter((e) => e.kind === "charter-change");
    expect(changes).toHaveLength(1);
  });

  it("does not start a gate run once a pinned file changed", async () => {
    const { overseer, evaluated, release, observe, settled } = setUp();
    fs.appendFileSync(path.join(problem.dir, "steward.yaml"), "\n# edited\n");
    release();
    observe(1);
    await settled();
    expect(evaluated).toEqual([]);
    expect(store.oversight.listProposals()).toEqual([]);
    expect(overseer.halted?.message).toMatch(/steward\.yaml \(changed\)/);
  });
});
