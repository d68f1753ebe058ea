/**
 * Superseded proposals: a queue people can keep up with. A run that keeps
 * improving makes a string of proposals against the same champion, each a
 * little better than the last; only the newest of them needs a person.
 *
 * Contract:
 * - An open proposal P with no verdict yet is superseded by a newer proposal Q
 *   (higher id) made against the same champion program when Q passed every
 *   gate (Q is open or deployed), Q ran the same gates as P, and Q is strictly
 *   better than P on the charter's objective.
 * - It is derived, not stored: the proposals and their verdicts (all bound to
 *   the ledger) decide it, so it needs no schema change and cannot disagree
 *   with them. The overseer also ledgers a `proposal-superseded` entry when a
 *   new proposal supersedes older ones, for the record.
 * - A superseded proposal is kept, shown on request (`steward review
 *   --include-superseded`, the dashboard's "superseded" list) and may still be
 *   approved or rejected when the person says so (`--include-superseded`):
 *   once it has a verdict it is no longer superseded. If Q is rejected, P is
 *   open for review again.
 */
import type { ProposalRecord, VerdictRecord } from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";

interface Objective {
  candidate: number;
}

function objectiveOf(p: ProposalRecord): number {
  return (p.content.objective as Objective).candidate;
}

function gateNames(p: ProposalRecord): string {
  const gates = (p.content.gates ?? []) as Array<{ gate: string }>;
  return gates
    .map((g) => g.gate)
    .sort()
    .join(",");
}

/**
 * For each superseded proposal, the proposal that supersedes it (the best of
 * those that do, newest on a tie).
 */
export function supersessions(
  proposals: readonly ProposalRecord[],
  verdicts: (proposalId: number) => readonly VerdictRecord[],
  direction: "minimize" | "maximize",
): Map<number, number> {
  const sign = direction === "minimize" ? -1 : 1;
  const passed = proposals.filter((q) => q.status === "open" || q.status === "deployed");
  const out = new Map<number, number>();
  for (const p of proposals) {
    if (p.status !== "open" || verdicts(p.id).length > 0) continue;
    let by: ProposalRecord | null = null;
    for (const q of passed) {
      if (q.id <= p.id || q.championProgramId !== p.championProgramId) continue;
      if (gateNames(q) !== gateNames(p)) continue;
      if (sign * (objectiveOf(q) - objectiveOf(p)) <= 0) continue;
      if (!by || sign * (objectiveOf(q) - objectiveOf(by)) >= 0) by = q;
    }
    if (by) out.set(p.id, by.id);
  }
  return out;
}

/** The store's superseded proposals: id -> the proposal that supersedes it. */
export function supersededProposals(
  store: Store,
  direction: "minimize" | "maximize",
): Map<number, number> {
  return supersessions(
    store.oversight.listProposals(),
    (id) => store.oversight.verdicts(id),
    direction,
  );
}
