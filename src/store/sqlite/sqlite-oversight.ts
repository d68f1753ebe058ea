/** Pins, champions, proposals and verdicts in the SQLite store (schema: migration 3). */
import type {
  ChampionRecord,
  NewProposal,
  NewVerdict,
  OversightStore,
  PinRecord,
  ProposalRecord,
  ProposalStatus,
  VerdictRecord,
} from "../oversight-store.ts";
import type { SqliteDatabase } from "./connection.ts";

interface PinRow {
  id: number;
  files: string;
  approvers: string;
  accepted_by: string | null;
  created_at: string;
}

interface ChampionRow {
  id: number;
  program_id: number;
  proposal_id: number | null;
  reason: ChampionRecord["reason"];
  objective: number | null;
  created_at: string;
}

interface ProposalRow {
  id: number;
  run_id: number | null;
  program_id: number;
  champion_program_id: number;
  status: ProposalStatus;
  content_hash: string;
  content: string;
  extra_approvals: number;
  created_at: string;
  updated_at: string;
}

interface VerdictRow {
  id: number;
  proposal_id: number;
  verdict: VerdictRecord["verdict"];
  approver: string;
  public_key: string;
  content_hash: string;
  signature: string;
  message: string;
  created_at: string;
}

const toPin = (row: PinRow): PinRecord => ({
  id: row.id,
  files: JSON.parse(row.files) as Record<string, string>,
  approvers: JSON.parse(row.approvers) as PinRecord["approvers"],
  acceptedBy: row.accepted_by,
  createdAt: row.created_at,
});

const toChampion = (row: ChampionRow): ChampionRecord => ({
  id: row.id,
  programId: row.program_id,
  proposalId: row.proposal_id,
  reason: row.reason,
  objective: row.objective,
  createdAt: row.created_at,
});

const toProposal = (row: ProposalRow): ProposalRecord => ({
  id: row.id,
  runId: row.run_id,
  programId: row.program_id,
  championProgramId: row.champion_program_id,
  status: row.status,
  contentHash: row.content_hash,
  content: JSON.parse(row.content) as Record<string, unknown>,
  extraApprovals: row.extra_approvals,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toVerdict = (row: VerdictRow): VerdictRecord => ({
  id: row.id,
  proposalId: row.proposal_id,
  verdict: row.verdict,
  approver: row.approver,
  publicKey: row.public_key,
  contentHash: row.content_hash,
  signature: row.signature,
  message: row.message,
  createdAt: row.created_at,
});

export class SqliteOversight implements OversightStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  latestPin(): PinRecord | undefined {
    const row = this.#db
      .prepare<[], PinRow>("SELECT * FROM charter_pins ORDER BY id DESC LIMIT 1")
      .get();
    return row && toPin(row);
  }

  addPin(pin: Omit<PinRecord, "id" | "createdAt">): PinRecord {
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.#db
      .prepare(
        "INSERT INTO charter_pins (files, approvers, accepted_by, created_at) VALUES (?, ?, ?, ?)",
      )
      .run(JSON.stringify(pin.files), JSON.stringify(pin.approvers), pin.acceptedBy, createdAt);
    return { ...pin, id: Number(lastInsertRowid), createdAt };
  }

  pins(): PinRecord[] {
    return this.#db.prepare<[], PinRow>("SELECT * FROM charter_pins ORDER BY id").all().map(toPin);
  }

  champions(): ChampionRecord[] {
    return this.#db
      .prepare<[], ChampionRow>("SELECT * FROM champions ORDER BY id")
      .all()
      .map(toChampion);
  }

  addChampion(champion: Omit<ChampionRecord, "id" | "createdAt">): ChampionRecord {
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.#db
      .prepare(
        "INSERT INTO champions (program_id, proposal_id, reason, objective, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(champion.programId, champion.proposalId, champion.reason, champion.objective, createdAt);
    return { ...champion, id: Number(lastInsertRowid), createdAt };
  }

  addProposal(proposal: NewProposal): ProposalRecord {
    const now = new Date().toISOString();
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO proposals (run_id, program_id, champion_program_id, status, content_hash, content, extra_approvals, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        proposal.runId,
        proposal.programId,
        proposal.championProgramId,
        proposal.status,
        proposal.contentHash,
        JSON.stringify(proposal.content),
        proposal.extraApprovals,
        now,
        now,
      );
    return { ...proposal, id: Number(lastInsertRowid), createdAt: now, updatedAt: now };
  }

  getProposal(id: number): ProposalRecord | undefined {
    const row = this.#db
      .prepare<[number], ProposalRow>("SELECT * FROM proposals WHERE id = ?")
      .get(id);
    return row && toProposal(row);
  }

  listProposals(status?: ProposalStatus): ProposalRecord[] {
    const rows =
      status === undefined
        ? this.#db.prepare<[], ProposalRow>("SELECT * FROM proposals ORDER BY id").all()
        : this.#db
            .prepare<[string], ProposalRow>("SELECT * FROM proposals WHERE status = ? ORDER BY id")
            .all(status);
    return rows.map(toProposal);
  }

  findProposal(programId: number, championProgramId: number): ProposalRecord | undefined {
    const row = this.#db
      .prepare<[number, number], ProposalRow>(
        "SELECT * FROM proposals WHERE program_id = ? AND champion_program_id = ?",
      )
      .get(programId, championProgramId);
    return row && toProposal(row);
  }

  setProposalStatus(id: number, status: ProposalStatus): void {
    this.#db
      .prepare("UPDATE proposals SET status = ?, updated_at = ? WHERE id = ?")
      .run(status, new Date().toISOString(), id);
  }

  addVerdict(verdict: NewVerdict): VerdictRecord {
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO verdicts (proposal_id, verdict, approver, public_key, content_hash, signature, message, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        verdict.proposalId,
        verdict.verdict,
        verdict.approver,
        verdict.publicKey,
        verdict.contentHash,
        verdict.signature,
        verdict.message,
        createdAt,
      );
    return { ...verdict, id: Number(lastInsertRowid), createdAt };
  }

  verdicts(proposalId: number): VerdictRecord[] {
    return this.#db
      .prepare<[number], VerdictRow>("SELECT * FROM verdicts WHERE proposal_id = ? ORDER BY id")
      .all(proposalId)
      .map(toVerdict);
  }

  listVerdicts(): VerdictRecord[] {
    return this.#db
      .prepare<[], VerdictRow>("SELECT * FROM verdicts ORDER BY id")
      .all()
      .map(toVerdict);
  }
}
