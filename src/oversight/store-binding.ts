/**
 * Store rows bound to the ledger. Every ledger entry that writes a row that
 * decides a deploy (a charter pin, a champion, a proposal, a verdict) or
 * changes one (a proposal's status) carries the row as written, under
 * `data.rows`, appended in the same store transaction. The ledger is
 * tamper-evident; the store alone is not. `verify-store.ts` re-derives every
 * bound row from the store and names the first one that differs.
 *
 * A bound row holds the record's fields except `updatedAt` (which only dates
 * the last status change, itself bound). A proposal's `content` is bound through
 * its `contentHash` (the hash approvals sign); a champion's program is bound
 * through the SHA-256 of its exact bytes, so swapping `programs.code` behind a
 * champion is found as well.
 */
import { z } from "zod";
import type {
  ChampionRecord,
  PinRecord,
  ProposalRecord,
  VerdictRecord,
} from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { sha256Hex } from "../util/hash.ts";

export const BOUND_TABLES = ["pin", "champion", "proposal", "verdict"] as const;
export type BoundTable = (typeof BOUND_TABLES)[number];

export interface BoundRow {
  table: BoundTable;
  id: number;
  fields: Record<string, unknown>;
}

/** How a ledger entry's `rows` are checked when read back (the ledger is outside input). */
export const boundRowsSchema = z.array(
  z.object({
    table: z.enum(BOUND_TABLES),
    id: z.number().int().positive(),
    fields: z.record(z.string(), z.unknown()),
  }),
);

/** SHA-256 of a program's exact bytes (UTF-8), lowercase hex: what deploys write. */
export function programBytesHash(code: string): string {
  return sha256Hex(Buffer.from(code, "utf8"));
}

export function boundPin(pin: PinRecord): BoundRow {
  const { id, ...fields } = pin;
  return { table: "pin", id, fields };
}

/** `programCode`: the champion program's code as stored now (undefined if it is gone). */
export function boundChampion(champion: ChampionRecord, programCode: string | undefined): BoundRow {
  const { id, ...fields } = champion;
  return {
    table: "champion",
    id,
    fields: {
      ...fields,
      programSha256: programCode === undefined ? null : programBytesHash(programCode),
    },
  };
}

export function boundProposal(proposal: ProposalRecord): BoundRow {
  const { id, content: _content, updatedAt: _updatedAt, ...fields } = proposal;
  return { table: "proposal", id, fields };
}

export function boundVerdict(verdict: VerdictRecord): BoundRow {
  const { id, ...fields } = verdict;
  return { table: "verdict", id, fields };
}

/** A champion row bound with its program's bytes as the store holds them. */
export function bindChampion(store: Store, champion: ChampionRecord): BoundRow {
  return boundChampion(champion, store.getProgram(champion.programId)?.code);
}

/** A proposal as the store holds it now (after a status change). */
export function bindProposal(store: Store, proposalId: number): BoundRow {
  const proposal = store.oversight.getProposal(proposalId);
  if (!proposal) throw new Error(`proposal ${proposalId} vanished inside its own transaction`);
  return boundProposal(proposal);
}

/** Every row the store holds now, bound as it is: the verifier's "found" side. */
export function currentRows(store: Store): BoundRow[] {
  const o = store.oversight;
  return [
    ...o.pins().map(boundPin),
    ...o.champions().map((c) => bindChampion(store, c)),
    ...o.listProposals().map(boundProposal),
    ...o.listVerdicts().map(boundVerdict),
  ];
}
