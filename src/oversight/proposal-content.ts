/**
 * What a proposal is, as people review it and approvals sign it: the diff
 * against the champion, both programs' metrics, every gate's result, lineage and
 * the mutator's rationale. Its canonical-JSON hash is the content hash; change a
 * byte of it and every approval of it stops counting.
 *
 * Version 2 on, it names the SHA-256 of the candidate's exact bytes and of the
 * champion's it replaces (`program.sha256`, `champion.sha256`): approvals sign
 * the bytes a deploy writes, and deploy re-hashes them before writing. A
 * version 1 proposal stays readable but cannot be deployed (re-propose it).
 */
import type { Metrics } from "../evaluation/outcome.ts";
import { deceptiveTextWarnings } from "../util/deceptive-text.ts";
import { unifiedDiff } from "./diff.ts";
import type { GateReport } from "./gates/gate.ts";
import { programBytesHash } from "./store-binding.ts";

/** Bumped whenever the approval rules or this shape change (2: signed program bytes). */
export const POLICY_VERSION = 2;

/** The content version from which proposals sign program bytes. */
export const CONTENT_VERSION = 2;

export interface ProposalContent {
  [key: string]: unknown;
  version: typeof CONTENT_VERSION;
  policyVersion: number;
  problem: string;
  /** `hash`: the store's normalised program hash; `sha256`: of the exact bytes deployed. */
  program: SignedProgram;
  champion: SignedProgram;
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
   * mode, sandbox notes), the gates' warnings (a stability gate that could not
   * fail), and the review warnings for deceptive characters in its code (bidi
   * controls, invisible characters, mixed-script identifiers).
   */
  warnings: string[];
}

export interface SignedProgram {
  id: number;
  hash: string;
  sha256: string;
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
    version: CONTENT_VERSION,
    policyVersion: POLICY_VERSION,
    problem: input.problem,
    program: signed(input.program),
    champion: signed(input.champion),
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
    warnings: [
      ...input.warnings,
      ...input.report.results.flatMap((r) => (r.warnings ?? []).map((w) => `${r.gate} gate: ${w}`)),
      ...deceptiveTextWarnings(input.program.code),
    ],
  };
}

function signed(program: { id: number; hash: string; code: string }): SignedProgram {
  return { id: program.id, hash: program.hash, sha256: programBytesHash(program.code) };
}
