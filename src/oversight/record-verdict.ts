/**
 * `steward approve` / `steward reject`: a person signs the proposal's content
 * hash with their own key (from their config folder, never the problem's), the
 * signature is checked against the charter's approvers before it is stored, and
 * the verdict lands in the store and the ledger in one transaction, the entry
 * holding the verdict row (and, for a rejection, the proposal's new status). A
 * rejection vetoes the proposal for good.
 */
import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { VerdictRecord } from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { checkVerdictBeforeRecording } from "./approval-policy.ts";
import { loadApproverKey } from "./keys.ts";
import { loadOpenProposal } from "./proposal-check.ts";
import { bindProposal, boundVerdict } from "./store-binding.ts";
import { signVerdict } from "./verdict.ts";
import { bindLegacyRows } from "./verify-store.ts";

export interface VerdictRequest {
  proposalId: number;
  verdict: "approve" | "reject";
  /** The approver's key name (`steward keys create NAME`). */
  as: string;
  message: string;
}

export function recordVerdict(
  problem: Problem,
  store: Store,
  ledger: Ledger,
  request: VerdictRequest,
): VerdictRecord {
  bindLegacyRows(store, ledger);
  const proposal = loadOpenProposal(store, request.proposalId);
  const key = loadApproverKey(request.as);
  const signed = signVerdict(key, request.verdict, proposal.contentHash);
  checkVerdictBeforeRecording({
    verdict: signed,
    contentHash: proposal.contentHash,
    approvers: problem.charter.approvals.approvers,
  });
  return store.transaction(() => {
    const record = store.oversight.addVerdict({
      proposalId: proposal.id,
      ...signed,
      message: request.message,
    });
    const rows = [boundVerdict(record)];
    if (request.verdict === "reject") {
      store.oversight.setProposalStatus(proposal.id, "rejected");
      rows.push(bindProposal(store, proposal.id));
    }
    ledger.append(request.verdict === "approve" ? "approval" : "rejection", {
      proposalId: proposal.id,
      approver: signed.approver,
      publicKey: signed.publicKey,
      contentHash: signed.contentHash,
      signature: signed.signature,
      message: request.message,
      rows,
    });
    return record;
  });
}
