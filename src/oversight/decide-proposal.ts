/**
 * A person's verdict on a proposal and what follows from it, the same for
 * `steward approve`/`reject` and the dashboard: the verdict is signed with the
 * person's own key and ledgered (`recordVerdict`); after an approval, the
 * proposal is deployed at once if it now has the approvals it needs and the
 * charter says `deploy.auto`. A superseded proposal (supersede.ts) takes a
 * verdict only when the person says so (`includeSuperseded`, the CLI's
 * `--include-superseded`): the newer, better one is the one to review.
 */

import { StewardError } from "../errors.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { VerdictRecord } from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { type DeployResult, deployDecision, deployProposal } from "./deploy.ts";
import { recordVerdict, type VerdictRequest } from "./record-verdict.ts";
import { supersededProposals } from "./supersede.ts";

export interface ProposalDecision {
  verdict: VerdictRecord;
  /** After an approval: whether it can deploy now, and why not. Null after a rejection. */
  deployable: { allowed: boolean; reason: string } | null;
  /** The deploy deploy.auto made, if any. */
  deployed: DeployResult | null;
}

export function decideProposal(
  problem: Problem,
  store: Store,
  ledger: Ledger,
  request: VerdictRequest & { includeSuperseded?: boolean },
): ProposalDecision {
  const by = supersededProposals(store, problem.charter.objective.direction).get(
    request.proposalId,
  );
  if (by !== undefined && !request.includeSuperseded) {
    throw new StewardError(
      "denied",
      `proposal ${request.proposalId} is superseded by proposal ${by} (same champion, same gates, better ${problem.charter.objective.metric}): review ${by} instead, or pass --include-superseded to ${request.verdict} ${request.proposalId} anyway`,
    );
  }
  const verdict = recordVerdict(problem, store, ledger, request);
  if (request.verdict === "reject") return { verdict, deployable: null, deployed: null };
  const { decision } = deployDecision(problem, store, request.proposalId);
  const deployed =
    decision.allowed && problem.charter.deploy.auto
      ? deployProposal(problem, store, ledger, request.proposalId)
      : null;
  return { verdict, deployable: { allowed: decision.allowed, reason: decision.reason }, deployed };
}
