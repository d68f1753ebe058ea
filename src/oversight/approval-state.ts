/**
 * How far an open proposal is from deployable: the approvals it has, the
 * number it needs and why it cannot deploy yet. `steward review`, `show` and
 * the dashboard all read it from here, so they never disagree.
 */
import type { Problem } from "../problem/load-problem.ts";
import type { ProposalRecord } from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { deployDecision } from "./deploy.ts";

export interface ApprovalState {
  allowed: boolean;
  reason: string;
  approvedBy: Array<{ name: string }>;
  needed: number;
}

/** Approvals of an open proposal so far; null for one that is not open. */
export function approvalState(
  problem: Problem,
  store: Store,
  p: ProposalRecord,
): ApprovalState | null {
  if (p.status !== "open") return null;
  const needed = problem.charter.approvals.required + p.extraApprovals;
  try {
    const { decision } = deployDecision(problem, store, p.id);
    return {
      allowed: decision.allowed,
      reason: decision.reason,
      approvedBy: decision.approvedBy,
      needed,
    };
  } catch (error) {
    return { allowed: false, reason: (error as Error).message, approvedBy: [], needed };
  }
}

/** Metric names of both programs, champion's first, with each side's value (undefined if absent). */
export function metricTable(metrics: {
  candidate: Record<string, number> | null;
  champion: Record<string, number> | null;
}): Array<{ name: string; champion: number | undefined; candidate: number | undefined }> {
  const names = [
    ...new Set([...Object.keys(metrics.champion ?? {}), ...Object.keys(metrics.candidate ?? {})]),
  ];
  return names.map((name) => ({
    name,
    champion: metrics.champion?.[name],
    candidate: metrics.candidate?.[name],
  }));
}
