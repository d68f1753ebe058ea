/**
 * What a proposal is, as people review it and approvals sign it: the diff
 * against the champion, both programs' metrics, every gate's result, lineage and
 * the mutator's rationale. Its canonical-JSON hash is the content hash; change a
 * byte of it and every approval of it stops counting.
 */
import type { Metrics } from "../evaluation/outcome.ts";
import { deceptiveTextWarnings } from "../util/deceptive-text.ts";
import { unifiedDiff } from "./diff.ts";
import type { GateReport } from "./gates/gate.ts";

/** Bumped whenever the approval rules or this shape change. */
export const POLICY_VERSION = 1;

export interface ProposalContent {
  [key: string]: unknown;
  version: 1;
  policyVersion: number;
  problem: string;
  program: { id: number; hash: string };
  champion: { id: number; hash: string };
  diff: string;
  metrics: { candidate: Metrics | null; champion: Metrics | null };
  objective: { metric: string; direction: string; candidate: number; champion: number };
  gates: GateReport["results"];
  passed: boolean;
  needsExtraApproval: boolean;
  lineage: number[];
  mutator: string;
  operator: string;
  rationale: string | null;
  /**
   * The candidate's evaluation warnings (the policy scan's findings in "flag"
   * mode, sandbox notes) and the review warnings for deceptive characters in
   * its code (bidi controls, invisible characters, mixed-script identifiers).
   */
  warnings: string[];
}

export interface ProposalInput {
  problem: string;
  target: string;
  program: { id: number; hash: string; code: string };
  champion: { id: number; hash: string; code: string };
  metrics: ProposalContent["metrics"];
  objective: ProposalContent["objective"];
  report: GateReport;
  lineage: number[];
  mutator: string;
  operator: string;
  rationale: string | null;
  warnings: string[];
}

export function proposalContent(input: ProposalInput): ProposalContent {
  return {
    version: 1,
    policyVersion: POLICY_VERSION,
    problem: input.problem,
    program: { id: input.program.id, hash: input.program.hash },
    champion: { id: input.champion.id, hash: input.champion.hash },
    diff: unifiedDiff(input.champion.code, input.program.code, {
      oldName: `champion/${input.target}`,
      newName: `proposal/${input.target}`,
    }),
    metrics: input.metrics,
    objective: input.objective,
    gates: input.report.results,
    passed: input.report.passed,
    needsExtraApproval: input.report.needsExtraApproval,
    lineage: input.lineage,
    mutator: input.mutator,
    operator: input.operator,
    rationale: input.rationale,
    // Deceptive characters are named here, not only in the policy scan's warnings:
    // they reach every proposal whatever the scan mode or language, and are signed.
    warnings: [...input.warnings, ...deceptiveTextWarnings(input.program.code)],
  };
}
