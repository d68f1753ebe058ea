/**
 * Deploy and rollback. A deploy writes the approved program to the charter's
 * target atomically (temp file + rename), optionally commits it with git, then
 * records the new champion, the proposal's status and the ledger entry in one
 * store transaction. A kill at any moment leaves the old or the new file, never
 * a mix; if it lands between the file and the store, deploying again finishes
 * the job. Nothing is written without the approval policy saying yes.
 *
 * Before writing, both check the store against the ledger for the history
 * that decides them (verify-store.ts) and re-hash the exact bytes they are
 * about to write against what was signed: the proposal's `program.sha256`
 * (and its `champion.sha256` against the program it replaces), or for a
 * rollback the bytes the ledger bound to that champion. Any mismatch refuses,
 * leaves the target untouched and is itself a `deploy-refused` ledger entry.
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
import { CONTENT_VERSION } from "./proposal-content.ts";
import { bindChampion, bindProposal, programBytesHash } from "./store-binding.ts";
import { bindLegacyRows, boundRows, type StoreFinding, verifyStore } from "./verify-store.ts";
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
  bindLegacyRows(store, ledger);
  const refusal = refuser(ledger, "deploy", proposalId);
  checkHistory(store, refusal, `proposal ${proposalId}`, (f) => aboutProposal(f, proposalId));
  const { proposal, decision } = deployDecision(problem, store, proposalId);
  if (!decision.allowed) {
    throw new StewardError(
      "denied",
      `proposal ${proposalId} cannot be deployed: ${decision.reason}`,
    );
  }
  const program = store.getProgram(proposal.programId);
  if (!program) throw new StewardError("store-failed", `program ${proposal.programId} is missing`);
  const signed = signedBytes(proposal.content);
  if (!signed) {
    throw refusal({
      reason: "unsigned-bytes",
      message: `proposal ${proposal.id} was made before proposals signed the program's bytes (content version ${String(proposal.content.version)}, now ${CONTENT_VERSION}), so its approvals do not cover what a deploy would write: reject it ("steward reject PROBLEM ${proposal.id} --as NAME") and let a new run propose again`,
    });
  }
  const champion = championStack(store.oversight.champions()).current;
  const championCode = champion ? store.getProgram(champion.programId)?.code : undefined;
  if (champion && signed.champion !== hashOf(championCode)) {
    throw refusal({
      reason: "bytes",
      programId: champion.programId,
      expected: signed.champion,
      found: hashOf(championCode),
      message: `proposal ${proposal.id} replaces program ${champion.programId}, whose bytes it signed as ${signed.champion}, but the store now holds bytes hashing to ${hashOf(championCode)}: the store was edited; run "steward audit verify PROBLEM"`,
    });
  }
  const bytes = Buffer.from(program.code, "utf8");
  const found = programBytesHash(program.code);
  if (found !== signed.program) {
    throw refusal({
      reason: "bytes",
      programId: program.id,
      expected: signed.program,
      found,
      message: `proposal ${proposal.id}'s approvals signed program ${program.id} as bytes hashing to ${signed.program}, but the bytes about to be written hash to ${found}: the store was edited; nothing was written. Run "steward audit verify PROBLEM"`,
    });
  }
  const target = deployTarget(problem);
  writeFileAtomic(target, bytes);
  const commit = problem.charter.deploy.git
    ? commitDeploy({
        file: target,
        message: `steward: deploy proposal ${proposal.id} of ${problem.charter.name}\n\n${summary(proposal.content)}`,
        approvers: decision.approvedBy,
      })
    : null;
  store.transaction(() => {
    const record = store.oversight.addChampion({
      programId: program.id,
      proposalId: proposal.id,
      reason: "deploy",
      objective: objectiveOf(proposal.content),
    });
    store.oversight.setProposalStatus(proposal.id, "deployed");
    ledger.append("deploy", {
      proposalId: proposal.id,
      program: program.hash,
      sha256: found,
      contentHash: proposal.contentHash,
      target: path.relative(problem.dir, target),
      approvedBy: decision.approvedBy,
      commit,
      by: whoAmI(),
      rows: [bindChampion(store, record), bindProposal(store, proposal.id)],
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
  bindLegacyRows(store, ledger);
  const refusal = refuser(ledger, "rollback", null);
  checkHistory(store, refusal, "the champions", (f) => f.table === "champion" || f.table === "pin");
  const { current, previous } = championStack(store.oversight.champions());
  if (!current || !previous) {
    throw new StewardError(
      "denied",
      "there is nothing to roll back to: the champion is still the first one",
    );
  }
  const program = store.getProgram(previous.programId);
  if (!program) throw new StewardError("store-failed", `program ${previous.programId} is missing`);
  const bound = boundRows(store).get(`champion:${previous.id}`);
  const expected = bound?.row.fields.programSha256;
  const bytes = Buffer.from(program.code, "utf8");
  const found = programBytesHash(program.code);
  if (found !== expected) {
    throw refusal({
      reason: "bytes",
      programId: program.id,
      expected: typeof expected === "string" ? expected : null,
      found,
      message: `program ${program.id} (champion ${previous.id}) was ${bound ? `recorded by ledger entry ${bound.entry} as bytes hashing to ${String(expected)}` : "never recorded in the ledger"}, but the bytes about to be written hash to ${found}: the store was edited; nothing was written. Run "steward audit verify PROBLEM"`,
    });
  }
  const target = deployTarget(problem);
  writeFileAtomic(target, bytes);
  const commit = problem.charter.deploy.git
    ? commitDeploy({
        file: target,
        message: `steward: roll back ${problem.charter.name} to program ${program.id}`,
        approvers: [],
      })
    : null;
  store.transaction(() => {
    const record = store.oversight.addChampion({
      programId: program.id,
      proposalId: previous.proposalId,
      reason: "rollback",
      objective: previous.objective,
    });
    ledger.append("rollback", {
      from: current.programId,
      to: program.id,
      program: program.hash,
      sha256: found,
      target: path.relative(problem.dir, target),
      commit,
      by: whoAmI(),
      rows: [bindChampion(store, record)],
    });
  });
  return { from: current.programId, to: program.id, target, commit };
}

/** The deploy target, absolute; never one of the pinned files. */
export function deployTarget(problem: Problem): string {
  const relative = problem.charter.deploy.target;
  // Compared as the pin names files ("lib/verify.ts"), whatever the spelling
  // ("./lib//verify.ts") and wherever a symlink at the target leads.
  const pinned = new Set(pinnedPaths(problem));
  const spelled = path.resolve(problem.dir, relative);
  const real = realPathOrNull(spelled);
  const names = [spelled, ...(real ? [real] : [])].map((file) =>
    path
      .relative(realPathOrNull(problem.dir) ?? problem.dir, file)
      .split(path.sep)
      .join("/"),
  );
  names.push(path.relative(problem.dir, spelled).split(path.sep).join("/"));
  if (names.some((name) => pinned.has(name))) {
    throw new StewardError(
      "denied",
      `deploy.target ${relative} is a pinned file (the charter, the evaluator or driver or a file they import, data/ or prompts/): choose another target in steward.yaml`,
    );
  }
  const target = path.join(problem.dir, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Temp files of a deploy that was killed mid-write.
  removeStaleTempFiles(path.dirname(target));
  return target;
}

function realPathOrNull(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

interface Refusal {
  reason: "store" | "bytes" | "unsigned-bytes";
  message: string;
  programId?: number;
  expected?: string | null;
  found?: string | null;
  findings?: StoreFinding[];
}

/**
 * Records a refusal in the ledger and returns the error to throw. The entry
 * is its own transaction: the refusal stays on record though nothing else is
 * written.
 */
function refuser(ledger: Ledger, operation: "deploy" | "rollback", proposalId: number | null) {
  return (refusal: Refusal): StewardError => {
    let message = `${operation} refused: ${refusal.message}`;
    try {
      ledger.append("deploy-refused", {
        operation,
        proposalId,
        reason: refusal.reason,
        programId: refusal.programId ?? null,
        expected: refusal.expected ?? null,
        found: refusal.found ?? null,
        findings: refusal.findings?.map((f) => f.message) ?? [],
        by: whoAmI(),
      });
    } catch (error) {
      message += ` (the refusal could not be recorded in the ledger: ${(error as Error).message})`;
    }
    return new StewardError("denied", message);
  };
}

/** Refuses when the store disagrees with the ledger about the rows that decide this. */
function checkHistory(
  store: Store,
  refusal: (r: Refusal) => StewardError,
  what: string,
  scope: (finding: StoreFinding) => boolean,
): void {
  const { findings } = verifyStore(store, scope);
  const [first] = findings;
  if (!first) return;
  throw refusal({
    reason: "store",
    findings,
    message: `the store no longer matches the ledger for ${what}: ${first.message}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ""}. Nothing was written; see "steward audit verify PROBLEM"`,
  });
}

/** The rows a deploy of `proposalId` rests on: its row, its verdicts, the champions, the pins. */
function aboutProposal(f: StoreFinding, proposalId: number): boolean {
  if (f.table === "champion" || f.table === "pin") return true;
  if (f.problem === "unbound") return true;
  // A verdict moved between proposals counts against both.
  return f.proposalId === proposalId || f.field === "proposalId";
}

/** The bytes a proposal's approvals signed, or undefined for content from before they did. */
function signedBytes(content: Record<string, unknown>) {
  const program = (content.program as { sha256?: unknown } | undefined)?.sha256;
  const champion = (content.champion as { sha256?: unknown } | undefined)?.sha256;
  if (typeof content.version !== "number" || content.version < CONTENT_VERSION) return undefined;
  if (typeof program !== "string" || typeof champion !== "string") return undefined;
  return { program, champion };
}

function hashOf(code: string | undefined): string {
  return code === undefined ? "nothing (the program is gone)" : programBytesHash(code);
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
