/**
 * Checks a stored proposal before anyone acts on it: it must exist, be open,
 * still hash to the content hash it was made with (a proposal edited in the
 * store signs nothing), and have been made against the current champion.
 */
import { StewardError } from "../errors.ts";
import type { ProposalRecord } from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { championStack } from "./champion.ts";
import { contentHash } from "./content-hash.ts";

export function loadProposal(store: Store, id: number): ProposalRecord {
  const proposal = store.oversight.getProposal(id);
  if (!proposal) {
    const open = store.oversight.listProposals("open").map((p) => p.id);
    throw new StewardError(
      "not-found",
      `there is no proposal ${id}${open.length ? `; open proposals: ${open.join(", ")}` : "; none is open"} (list them with "steward review PROBLEM")`,
    );
  }
  if (contentHash(proposal.content) !== proposal.contentHash) {
    throw new StewardError(
      "denied",
      `proposal ${id}'s stored content no longer matches its content hash ${proposal.contentHash.slice(0, 16)}: the store was edited; run "steward audit verify PROBLEM"`,
    );
  }
  return proposal;
}

/** A proposal that may still be approved, rejected or deployed. */
export function loadOpenProposal(store: Store, id: number): ProposalRecord {
  const proposal = loadProposal(store, id);
  if (proposal.status === "blocked") {
    const failed = (proposal.content.gates as Array<{ gate: string; status: string }>)
      .filter((g) => g.status === "fail" || g.status === "error")
      .map((g) => g.gate);
    throw new StewardError(
      "denied",
      `proposal ${id} failed gate(s) ${failed.join(", ")} and cannot be approved or deployed (see "steward show PROBLEM ${id}")`,
    );
  }
  if (proposal.status !== "open") {
    throw new StewardError("denied", `proposal ${id} is ${proposal.status}, not open`);
  }
  const champion = championStack(store.oversight.champions()).current;
  if (champion && champion.programId !== proposal.championProgramId) {
    throw new StewardError(
      "denied",
      `proposal ${id} was made against program ${proposal.championProgramId}, but the champion is now program ${champion.programId}: its diff and gates no longer apply`,
    );
  }
  return proposal;
}
