/**
 * A real problem folder (the "blank" template) whose store holds what a run
 * leaves for review, written through Steward's own store and ledger code: the
 * charter pin, the seed champion and one open proposal whose program, rationale
 * and metric name carry a `</script><script>` and a bidi override. An approver
 * key "ada" is created in `configDir` and listed in the charter.
 */
import fs from "node:fs";
import path from "node:path";
import type { EvaluationOutcome } from "../../src/evaluation/outcome.ts";
import { Ledger } from "../../src/ledger/ledger.ts";
import { contentHash } from "../../src/oversight/content-hash.ts";
import { createApproverKey } from "../../src/oversight/keys.ts";
import { proposalContent } from "../../src/oversight/proposal-content.ts";
import { bindChampion, boundPin, boundProposal } from "../../src/oversight/store-binding.ts";
import { initProblem } from "../../src/problem/init.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { outcome } from "../../src/store/contract/store-contract.test-kit.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { programHash } from "../../src/util/hash.ts";

export const SCRIPT = "</script><script>alert(1)</script>";
export const RLO = "\u202e";

export function makeReviewStore(
  root: string,
  configDir: string,
): { dir: string; proposalId: number; hash: string } {
  const dir = path.join(root, "problem");
  initProblem(dir, "blank");
  const ada = createApproverKey("ada", { configDir });
  fs.appendFileSync(
    path.join(dir, "steward.yaml"),
    `approvals:\n  required: 1\n  approvers:\n    - { name: ada, key: "${ada.publicKey}" }\n`,
  );
  const problem = loadProblem(dir);
  const store = openProblemStore(dir);
  try {
    const ledger = new Ledger(store, dir);
    const pin = store.oversight.addPin({
      files: { "steward.yaml": "aa" },
      approvers: [],
      acceptedBy: null,
    });
    ledger.append("charter-pin", { rows: [boundPin(pin)] });
    const seed = store.addProgram({
      hash: programHash(problem.seedCode),
      code: problem.seedCode,
      origin: "seed",
    }).program;
    const code = `${problem.seedCode}\n// ${SCRIPT} ${RLO}nimda\n`;
    const child = store.addProgram({
      hash: programHash(code),
      code,
      parentIds: [seed.id],
      origin: "gp",
    }).program;
    const programs = [seed, child];
    const run = store.runs.create(7, { budget: { maxEvals: 10, maxTimeMs: null, target: null } });
    programs.forEach((program, i) => {
      const metrics = { error: 2 - i };
      const candidate = store.runs.addCandidate({
        runId: run.id,
        programId: program.id,
        island: 0,
        parentId: i === 0 ? null : seed.id,
        mutator: i === 0 ? "seed" : "gp",
        operator: i === 0 ? "seed" : "constant",
        generation: i,
      });
      store.runs.recordEvaluation(candidate.id, okOutcome(metrics), {
        fitness: -metrics.error,
        features: {},
      });
    });
    const champion = store.oversight.addChampion({
      programId: seed.id,
      proposalId: null,
      reason: "seed",
      objective: 2,
    });
    ledger.append("champion", { rows: [bindChampion(store, champion)] });
    const content = proposalContent({
      problem: problem.charter.name,
      target: "program.ts",
      program: child,
      champion: seed,
      metrics: { candidate: { error: 1, [`m${SCRIPT}`]: 3 }, champion: { error: 2 } },
      objective: { metric: "error", direction: "minimize", candidate: 1, champion: 2 },
      report: { results: [], passed: true, needsExtraApproval: false },
      lineage: [child.id, seed.id],
      mutator: "gp",
      operator: "constant",
      rationale: `because ${SCRIPT} ${RLO}`,
      warnings: [],
    });
    const proposal = store.oversight.addProposal({
      runId: run.id,
      programId: child.id,
      championProgramId: seed.id,
      status: "open",
      contentHash: contentHash(content),
      content,
      extraApprovals: 0,
    });
    ledger.append("proposal", { proposalId: proposal.id, rows: [boundProposal(proposal)] });
    return { dir, proposalId: proposal.id, hash: proposal.contentHash };
  } finally {
    store.close();
  }
}

/**
 * A second open proposal in `makeReviewStore`'s folder: the same champion and
 * gates, better on the objective (error 0.5), so it supersedes the first.
 */
export function addBetterProposal(dir: string): { proposalId: number; hash: string } {
  const problem = loadProblem(dir);
  const store = openProblemStore(dir);
  try {
    const ledger = new Ledger(store, dir);
    const seed = store.getProgram(1);
    if (!seed) throw new Error("no seed program");
    const code = `${problem.seedCode}\n// better\n`;
    const program = store.addProgram({
      hash: programHash(code),
      code,
      parentIds: [seed.id],
      origin: "gp",
    }).program;
    const content = proposalContent({
      problem: problem.charter.name,
      target: "program.ts",
      program,
      champion: seed,
      metrics: { candidate: { error: 0.5 }, champion: { error: 2 } },
      objective: { metric: "error", direction: "minimize", candidate: 0.5, champion: 2 },
      report: { results: [], passed: true, needsExtraApproval: false },
      lineage: [program.id, seed.id],
      mutator: "gp",
      operator: "constant",
      rationale: null,
      warnings: [],
    });
    const proposal = store.oversight.addProposal({
      runId: 1,
      programId: program.id,
      championProgramId: seed.id,
      status: "open",
      contentHash: contentHash(content),
      content,
      extraApprovals: 0,
    });
    ledger.append("proposal", { proposalId: proposal.id, rows: [boundProposal(proposal)] });
    return { proposalId: proposal.id, hash: proposal.contentHash };
  } finally {
    store.close();
  }
}

export function okOutcome(metrics: Record<string, number>): EvaluationOutcome {
  return outcome({
    metrics,
    durationMs: 5,
    peakMemoryBytes: null,
    sandbox: "process",
    stdout: "",
    artifacts: {},
    log: [],
  });
}

/** The sections of `steward report`'s HTML, in order. */
export const REPORT_SECTION_IDS = [
  "problem",
  "charter",
  "progress",
  "champions",
  "proposals",
  "best",
  "spend",
  "ledger",
];
