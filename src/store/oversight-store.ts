/**
 * What oversight keeps: the pinned charter files, the champion history, proposals
 * and the signed verdicts on them. Every change here is also a ledger entry,
 * written in the same store transaction, that holds the row as it was written
 * (src/oversight/store-binding.ts), so an edit behind the ledger is found.
 */

export interface PinRecord {
  id: number;
  /** Relative path -> lowercase hex SHA-256 of the file's bytes. */
  files: Record<string, string>;
  /** The charter's approvers when it was pinned: who may accept the next change. */
  approvers: Array<{ name: string; key: string }>;
  /** Who accepted a change; null for the first pin of a problem. */
  acceptedBy: string | null;
  createdAt: string;
}

export type ChampionReason = "seed" | "deploy" | "rollback";

export interface ChampionRecord {
  id: number;
  programId: number;
  proposalId: number | null;
  reason: ChampionReason;
  /** The objective it scored when it became champion (search mode, training split). */
  objective: number | null;
  createdAt: string;
}

export type ProposalStatus = "blocked" | "open" | "rejected" | "deployed";

export interface ProposalRecord {
  id: number;
  runId: number | null;
  programId: number;
  championProgramId: number;
  status: ProposalStatus;
  /** Hex SHA-256 of the canonical JSON of `content`: what approvals sign. */
  contentHash: string;
  content: Record<string, unknown>;
  /** Approvals needed beyond the charter's count (1 for an implausible gain). */
  extraApprovals: number;
  createdAt: string;
  updatedAt: string;
}

export type NewProposal = Omit<ProposalRecord, "id" | "createdAt" | "updatedAt">;

export interface VerdictRecord {
  id: number;
  proposalId: number;
  verdict: "approve" | "reject";
  approver: string;
  publicKey: string;
  contentHash: string;
  signature: string;
  message: string;
  createdAt: string;
}

export type NewVerdict = Omit<VerdictRecord, "id" | "createdAt">;

export interface OversightStore {
  /** The pin in force (the newest), if any. */
  latestPin(): PinRecord | undefined;
  addPin(pin: Omit<PinRecord, "id" | "createdAt">): PinRecord;
  /** Every pin, oldest first (the store-ledger binding check reads them all). */
  pins(): PinRecord[];
  /** The champion history, oldest first. */
  champions(): ChampionRecord[];
  addChampion(champion: Omit<ChampionRecord, "id" | "createdAt">): ChampionRecord;
  addProposal(proposal: NewProposal): ProposalRecord;
  getProposal(id: number): ProposalRecord | undefined;
  /** Proposals, oldest first, optionally only those with one status. */
  listProposals(status?: ProposalStatus): ProposalRecord[];
  /** The proposal of a program against a champion, if one was made. */
  findProposal(programId: number, championProgramId: number): ProposalRecord | undefined;
  setProposalStatus(id: number, status: ProposalStatus): void;
  addVerdict(verdict: NewVerdict): VerdictRecord;
  verdicts(proposalId: number): VerdictRecord[];
  /** Every verdict on every proposal, oldest first. */
  listVerdicts(): VerdictRecord[];
}
