/**
 * Turns a gated candidate into a proposal: the content people review (and whose
 * hash they sign), stored with its status and ledgered with each gate's result
 * in one transaction, so a proposal never exists without its evidence in the
 * ledger, nor the evidence without the proposal. A new open proposal that
 * supersedes older ones (supersede.ts) is ledgered as such in the same
 * transaction.
 */
import type { EvaluationOutcome } from "../evaluation/outcome.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { ProposalRecord } from "../store/oversight-store.ts";
import type { EvaluationRecord, ProgramRecord } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { contentHash } from "./content-hash.ts";
import type { GateReport } from "./gates/gate.ts";
import { proposalContent } from "./proposal-content.ts";
import { boundProposal } from "./store-binding.ts";
import { supersededProposals } from "./supersede.ts";

export interface GatedCandidate {
  /** What the engine told the overseer of the candidate (its search evaluation and origin). */
  candidate: {
    outcome: EvaluationOutcome;
    mutator: string;
    operator: string;
    rationale: string | null;
  };
  /** The candidate's objective value from its search evaluation. */
  objective: number;
  program: ProgramRecord;
  champion: { program: ProgramRecord; objective: number; search: EvaluationRecord | null };
  report: GateReport;
}

export function recordProposal(
  target: { store: Store; ledger: Ledger; problem: Problem; runId: number },
  gated: GatedCandidate,
): ProposalRecord {
  const { store, ledger, problem, runId } = target;
  const { candidate, program, champion, report } = gated;
  const { charter } = problem;
  const content = proposalContent({
    problem: charter.name,
    target: charter.deploy.target,
    program: { id: program.id, hash: program.hash, code: program.code },
    champion: { id: champion.program.id, hash: champion.program.hash, code: champion.program.code },
    metrics: { candidate: candidate.outcome.metrics, champion: champion.search?.metrics ?? null },
    objective: {
      metric: charter.objective.metric,
      direction: charter.objective.direction,
      candidate: gated.objective,
      champion: champion.objective,
    },
    report,
    lineage: lineageOf(store, program.id),
    mutator: candidate.mutator,
    operator: candidate.operator,
    rationale: candidate.rationale,
    warnings: candidate.outcome.warnings,
  });
  const hash = contentHash(content);
  return store.transaction(() => {
    const record = store.oversight.addProposal({
      runId,
      programId: program.id,
      championProgramId: champion.program.id,
      status: report.passed ? "open" : "blocked",
      contentHash: hash,
      content,
      extraApprovals: report.needsExtraApproval ? 1 : 0,
    });
    for (const result of report.results) {
      ledger.append("gate-result", { proposalId: record.id, ...result });
    }
    ledger.append("proposal", {
      proposalId: record.id,
      program: program.hash,
      champion: champion.program.hash,
      contentHash: hash,
      status: record.status,
      objective: content.objective,
      rows: [boundProposal(record)],
    });
    if (record.status === "open") {
      const superseded = supersededProposals(store, charter.objective.direction);
      for (const [older, by] of superseded) {
        if (by === record.id) ledger.append("proposal-superseded", { proposalId: older, by });
      }
    }
    return record;
  });
}

/** The program's ancestors through first parents, nearest first, at most 20. */
function lineageOf(store: Store, programId: number): number[] {
  const lineage: number[] = [];
  let parent = store.getProgram(programId)?.parentIds[0];
  while (parent !== undefined && lineage.length < 20) {
    lineage.push(parent);
    parent = store.getProgram(parent)?.parentIds[0];
  }
  return lineage;
}
