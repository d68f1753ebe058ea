/**
 * Deploy and rollback. A deploy writes the approved program to the charter's
 * target atomically (temp file + rename), optionally commits it with git, then
 * records the new champion, the proposal's status and the ledger entry in one
 * store transaction. A kill at any moment leaves the old or the new file, never
 * a mix; if it lands between the file and the store, deploying again finishes
 * the job. Nothing is written without the approval policy saying yes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StewardError } from "../errors.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import { decideDeploy } from "./approval-policy.ts";
import { championStack } from "./champion.ts";
import { pinnedPaths } from "./charter-pin.ts";
import { commitDeploy } from "./git-commit.ts";
import { loadOpenProposal } from "./proposal-check.ts";
import { removeStaleTempFiles, writeFileAtomic } from "./write-atomic.ts";

export interface DeployResult {
  proposalId: number;
  programId: number;
  target: string;
  approvedBy: Array<{ name: string; publicKey: string }>;
  commit: string | null;
}

/** Whether a proposal has the approvals it needs, and why not. */
export function deployDecision(problem: Problem, store: Store, proposalId: number) {
  const proposal = loadOpenProposal(store, proposalId);
  const decision = decideDeploy({
    contentHash: proposal.contentHash,
    required: problem.charter.approvals.required,
    extraRequired: proposal.extraApprovals,
    approvers: problem.charter.approvals.approvers,
    verdicts: store.oversight.verdicts(proposal.id),
  });
  return { proposal, decision };
}

export function deployProposal(
  problem: Problem,
  store: Store,
  ledger: Ledger,
  proposalId: number,
): DeployResult {
  const { proposal, decision } = deployDecision(problem, store, proposalId);
  if (!decision.allowed) {
    throw new StewardError(
      "denied",
      `proposal ${proposalId} cannot be deployed: ${decision.reason}`,
    );
  }
  const program = store.getProgram(proposal.programId);
  if (!program) throw new StewardError("store-failed", `program ${proposal.programId} is missing`);
  const target = deployTarget(problem);
  writeFileAtomic(target, program.code);
  const commit = problem.charter.deploy.git
    ? commitDeploy({
        file: target,
        message: `steward: deploy proposal ${proposal.id} of ${problem.charter.name}\n\n${summary(proposal.content)}`,
        approvers: decision.approvedBy,
      })
    : null;
  store.transaction(() => {
    store.oversight.addChampion({
      programId: program.id,
      proposalId: proposal.id,
      reason: "deploy",
      objective: objectiveOf(proposal.content),
    });
    store.oversight.setProposalStatus(proposal.id, "deployed");
    ledger.append("deploy", {
      proposalId: proposal.id,
      program: program.hash,
      contentHash: proposal.contentHash,
      target: path.relative(problem.dir, target),
      approvedBy: decision.approvedBy,
      commit,
      by: whoAmI(),
    });
  });
  return {
    proposalId: proposal.id,
    programId: program.id,
    target,
    approvedBy: decision.approvedBy,
    commit,
  };
}

export function rollbackChampion(problem: Problem, store: Store, ledger: Ledger) {
  const { current, previous } = championStack(store.oversight.champions());
  if (!current || !previous) {
    throw new StewardError(
      "denied",
      "there is nothing to roll back to: the champion is still the first one",
    );
  }
  const program = store.getProgram(previous.programId);
  if (!program) throw new StewardError("store-failed", `program ${previous.programId} is missing`);
  const target = deployTarget(problem);
  writeFileAtomic(target, program.code);
  const commit = problem.charter.deploy.git
    ? commitDeploy({
        file: target,
        message: `steward: roll back ${problem.charter.name} to program ${program.id}`,
        approvers: [],
      })
    : null;
  store.transaction(() => {
    store.oversight.addChampion({
      programId: program.id,
      proposalId: previous.proposalId,
      reason: "rollback",
      objective: previous.objective,
    });
    ledger.append("rollback", {
      from: current.programId,
      to: program.id,
      program: program.hash,
      target: path.relative(problem.dir, target),
      commit,
      by: whoAmI(),
    });
  });
  return { from: current.programId, to: program.id, target, commit };
}

/** The deploy target, absolute; never one of the pinned files. */
function deployTarget(problem: Problem): string {
  const relative = problem.charter.deploy.target;
  if (pinnedPaths(problem).includes(relative)) {
    throw new StewardError(
      "denied",
      `deploy.target ${relative} is a pinned file (charter, evaluator, driver or data): choose another target in steward.yaml`,
    );
  }
  const target = path.join(problem.dir, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Temp files of a deploy that was killed mid-write.
  removeStaleTempFiles(path.dirname(target));
  return target;
}

function objectiveOf(content: Record<string, unknown>): number | null {
  const objective = content.objective as { candidate?: unknown } | undefined;
  return typeof objective?.candidate === "number" ? objective.candidate : null;
}

function summary(content: Record<string, unknown>): string {
  const o = content.objective as
    | { metric: string; candidate: number; champion: number }
    | undefined;
  return o ? `${o.metric}: ${o.champion} -> ${o.candidate}` : "";
}

function whoAmI(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}
