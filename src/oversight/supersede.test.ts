/**
 * Superseded proposals and `gates.min_interval`, with the real overseer, store,
 * ledger and approver keys (scripted evaluations, no sandbox): a newer, better
 * proposal against the same champion with the same gates supersedes the older
 * open ones (ledgered; a verdict on them needs includeSuperseded); a charter's
 * min_interval holds the next proposal back until the interval has passed or
 * the open one was decided.
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
import type { ProposalRecord, VerdictRecord } from "../store/oversight-store.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Store } from "../store/store.ts";
import { programHash } from "../util/hash.ts";
import { decideProposal } from "./decide-proposal.ts";
import { createApproverKey } from "./keys.ts";
import { Overseer } from "./overseer.ts";
import { supersededProposals, supersessions } from "./supersede.ts";
import { verifyStore } from "./verify-store.ts";

const EXAMPLE = new URL("../../examples/symbolic-regression", import.meta.url).pathname;

function proposal(
  id: number,
  objective: number,
  over: Partial<ProposalRecord> = {},
  gates = ["verify", "holdout"],
): ProposalRecord {
  return {
    id,
    runId: 1,
    programId: 10 + id,
    championProgramId: 1,
    status: "open",
    contentHash: `h${id}`,
    content: { objective: { candidate: objective }, gates: gates.map((gate) => ({ gate })) },
    extraApprovals: 0,
    createdAt: "",
    updatedAt: "",
    ...over,
  };
}

describe("which proposals are superseded", () => {
  const none = () => [];
  it("is each older open one that a newer, better, passed proposal with the same gates beats", () => {
    const list = [proposal(1, 1.5), proposal(2, 1.2), proposal(3, 1.3), proposal(4, 1.0)];
    expect(supersessions(list, none, "minimize")).toEqual(
      new Map([
        [1, 4],
        [2, 4],
        [3, 4],
      ]),
    );
    expect(supersessions(list, none, "maximize")).toEqual(new Map([[2, 3]]));
  });

  it("is never one with a verdict, nor one beaten by a proposal that did not pass or was rejected", () => {
    const voted = () => [{ verdict: "approve" } as VerdictRecord];
    expect(supersessions([proposal(1, 2), proposal(2, 1)], voted, "minimize").size).toBe(0);
    for (const status of ["blocked", "rejected"] as const) {
      const list = [proposal(1, 2), proposal(2, 1, { status })];
      expect(supersessions(list, none, "minimize").size).toBe(0);
    }
    expect(
      supersessions([proposal(1, 2), proposal(2, 1, { status: "deployed" })], none, "minimize"),
    ).toEqual(new Map([[1, 2]]));
  });

  it("is never one against another champion or with other gates", () => {
    const otherChampion = [proposal(1, 2), proposal(2, 1, { championProgramId: 5 })];
    expect(supersessions(otherChampion, () => [], "minimize").size).toBe(0);
    const otherGates = [proposal(1, 2), proposal(2, 1, {}, ["verify"])];
    expect(supersessions(otherGates, () => [], "minimize").size).toBe(0);
  });
});

let dir: string | undefined;
let store: Store;
let problem: Problem;
let ledger: Ledger;

function setUp(charterExtra: string): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-supersede-"));
  dir = root;
  fs.cpSync(EXAMPLE, path.join(root, "p"), {
    recursive: true,
    filter: (s) => !s.includes(".steward"),
  });
  const configDir = path.join(root, "config");
  process.env.STEWARD_CONFIG_DIR = configDir;
  const ada = createApproverKey("ada", { configDir });
  fs.appendFileSync(
    path.join(root, "p", "steward.yaml"),
    `approvals:\n  required: 1\n  approvers:\n    - { name: ada, key: "${ada.publicKey}" }\n${charterExtra}`,
  );
  problem = loadProblem(path.join(root, "p"));
  store = openSqliteStore(path.join(problem.dir, ".steward", "steward.db"));
  ledger = new Ledger(store, problem.dir);
}

afterEach(() => {
  if (!dir) return;
  store.close();
  delete process.env.STEWARD_CONFIG_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function ok(
  rmse: number,
  split = "train",
  mode: "search" | "verify" = "search",
): EvaluationOutcome {
  return outcome({ metrics: { rmse }, mode, split, durationMs: 300, artifacts: {}, log: [] });
}

/** An overseer whose evaluations score the number in the code ("// score 0.5"). */
function overseer(): { o: Overseer; observe(score: number): number } {
  const run = store.runs.create(1, {});
  const o = new Overseer({
    problem,
    store,
    ledger,
    runId: run.id,
    evaluationSeed: 0,
    signal: new AbortController().signal,
    evaluate: async (code, options) =>
      ok(Number(/score ([\d.]+)/.exec(code)?.[1] ?? 2), options.split, options.mode),
  });
  o.start({ resumed: false, seed: 1 });
  let n = 0;
  const add = (score: number) => {
    const code = `${problem.seedCode}\n// score ${score} #${n++}\n`;
    return store.addProgram({ hash: programHash(code), code, origin: "test" }).program;
  };
  const seed = add(2);
  o.seedEvaluated(seed.id, ok(2));
  return {
    o,
    observe(score: number) {
      const program = add(score);
      o.observe({
        programId: program.id,
        code: program.code,
        outcome: ok(score),
        mutator: "gp",
        operator: "constant",
        rationale: null,
      });
      return program.id;
    },
  };
}

async function idle(o: Overseer): Promise<void> {
  while (o.gating > 0) {
    await o.settle();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("the overseer and a verdict on superseded proposals", () => {
  beforeEach(() => setUp(""));

  it("ledgers the supersession and takes a verdict on the older one only when asked", async () => {
    const { o, observe } = overseer();
    observe(1.5);
    await idle(o);
    observe(1.0);
    await idle(o);
    const [older, newer] = store.oversight.listProposals();
    expect([older?.status, newer?.status]).toEqual(["open", "open"]);
    expect(supersededProposals(store, "minimize")).toEqual(
      new Map([[older?.id as number, newer?.id as number]]),
    );
    const entries = ledger.entries().filter((e) => e.kind === "proposal-superseded");
    expect(entries.map((e) => e.data)).toEqual([{ proposalId: older?.id, by: newer?.id }]);

    const request = { proposalId: older?.id as number, verdict: "reject" as const, as: "ada" };
    expect(() => decideProposal(problem, store, ledger, { ...request, message: "old" })).toThrow(
      `proposal ${older?.id} is superseded by proposal ${newer?.id}`,
    );
    expect(store.oversight.verdicts(older?.id as number)).toEqual([]);
    decideProposal(problem, store, ledger, { ...request, message: "old", includeSuperseded: true });
    expect(store.oversight.getProposal(older?.id as number)?.status).toBe("rejected");
    expect(verifyLedger(store, problem.dir).ok).toBe(true);
    expect(verifyStore(store).ok).toBe(true);
  });
});

describe("gates.min_interval", () => {
  beforeEach(() => setUp("gates:\n  min_interval: { evaluations: 3 }\n"));

  it("holds the next proposal back until the interval has passed, keeping the best candidate", async () => {
    const { o, observe } = overseer();
    observe(1.5);
    await idle(o);
    expect(store.oversight.listProposals()).toHaveLength(1);
    observe(1.2);
    const best = observe(1.0); // both held: the better one is kept
    await idle(o);
    expect(o.held).toBe(best);
    expect(store.oversight.listProposals()).toHaveLength(1);
    observe(1.9); // the third acknowledgement since the proposal: the hold ends
    await idle(o);
    expect(o.held).toBeNull();
    expect(store.oversight.listProposals().map((p) => p.programId)).toEqual([
      expect.any(Number),
      best,
    ]);
  });

  it("lets the held candidate through once the open proposal was decided", async () => {
    const { o, observe } = overseer();
    observe(1.5);
    await idle(o);
    const first = store.oversight.listProposals()[0] as ProposalRecord;
    const held = observe(1.0);
    await idle(o);
    expect(o.held).toBe(held);
    decideProposal(problem, store, ledger, {
      proposalId: first.id,
      verdict: "reject",
      as: "ada",
      message: "no",
    });
    observe(1.9); // the next acknowledgement finds nothing open
    await idle(o);
    expect(store.oversight.listProposals().map((p) => p.programId)).toContain(held);
  });
});
