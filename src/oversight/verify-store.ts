/**
 * The store checked against the ledger.
 *
 * Contract:
 * - Input: a problem's store (its ledger rows and its oversight tables). It
 *   reads, never writes. It trusts the ledger rows' bodies as far as they parse;
 *   whether the ledger itself is intact is `verifyLedger`'s job (run both).
 * - Expected state: every ledger entry's `data.rows` (store-binding.ts), in log
 *   order; a later binding of the same row (a status change) replaces the
 *   earlier one.
 * - Found state: every pin, champion, proposal and verdict row in the store,
 *   bound the same way (a champion with its program's bytes re-hashed).
 * - Findings, in the order pins, champions, proposals, verdicts, by id:
 *   `deleted` (bound, not in the store), `inserted` (in the store, never bound),
 *   `reordered` (holds exactly what another row of the table was bound as),
 *   `edited` (naming the first field that differs), and for proposals whose
 *   content signs program bytes, `edited` when the content no longer hashes to
 *   its content hash or a program's code no longer hashes to the signed bytes.
 *   `unbound`: the store has rows but the ledger binds none (a store made
 *   before Steward bound rows; `bindLegacyRows` binds them once).
 * - Each finding names the row ("verdict 3 of proposal 2"), what happened and
 *   the ledger entry (its index, as `steward audit log` shows it) it contradicts.
 * - `scope` keeps only the findings about some rows (a deploy checks the
 *   proposal's history: its row, its verdicts, the champions).
 */
import { parseEntryBody } from "../ledger/entry-body.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Store } from "../store/store.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { contentHash } from "./content-hash.ts";
import {
  BOUND_TABLES,
  type BoundRow,
  type BoundTable,
  boundRowsSchema,
  currentRows,
  programBytesHash,
} from "./store-binding.ts";

export type StoreProblem = "edited" | "deleted" | "inserted" | "reordered" | "unbound";

export interface StoreFinding {
  table: BoundTable;
  id: number;
  /** The proposal the row is (a proposal) or belongs to (a verdict, a deploy's champion). */
  proposalId: number | null;
  problem: StoreProblem;
  /** The first field that differs, for `edited`. */
  field: string | null;
  /** Index of the ledger entry the store contradicts; null for an inserted or unbound row. */
  entry: number | null;
  message: string;
}

export interface StoreVerification {
  ok: boolean;
  /** Rows in the store, and rows the ledger binds. */
  rows: number;
  bound: number;
  findings: StoreFinding[];
}

interface Expected {
  row: BoundRow;
  entry: number;
}

/** Which findings a caller cares about. */
export type StoreScope = (finding: StoreFinding) => boolean;

export function verifyStore(store: Store, scope: StoreScope = () => true): StoreVerification {
  const expected = boundRows(store);
  const found = currentRows(store);
  const findings: StoreFinding[] = [];
  if (expected.size === 0 && found.length > 0) {
    for (const row of found) findings.push(unbound(row));
  } else {
    for (const table of BOUND_TABLES) findings.push(...compareTable(table, expected, found));
    findings.push(...signedBytes(store));
  }
  const inScope = findings.filter(scope);
  return { ok: inScope.length === 0, rows: found.length, bound: expected.size, findings: inScope };
}

/** The row each ledger entry binds, latest binding per row, keyed "table:id". */
export function boundRows(store: Store): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  for (const ledgerRow of store.ledger.list()) {
    // Most entries bind no rows: skip them before the full parse.
    if (!ledgerRow.body.includes('"rows":')) continue;
    const body = parseEntryBody(ledgerRow.body);
    if (!body || body.data.rows === undefined) continue;
    const rows = boundRowsSchema.safeParse(body.data.rows);
    if (!rows.success) continue;
    for (const row of rows.data) expected.set(key(row), { row, entry: body.index });
  }
  return expected;
}

/**
 * Binds, once, the rows of a store made before Steward bound rows to the
 * ledger: trusted as found, in a `store-baseline` entry. A no-op once any
 * entry binds rows, so nothing inserted later is ever baselined.
 */
export function bindLegacyRows(store: Store, ledger: Ledger): number {
  return store.transaction(() => {
    if (boundRows(store).size > 0) return 0;
    const rows = currentRows(store);
    if (rows.length === 0) return 0;
    ledger.append("store-baseline", {
      note: "rows made before Steward bound store rows to the ledger, trusted as found",
      rows,
    });
    return rows.length;
  });
}

function compareTable(
  table: BoundTable,
  expected: Map<string, Expected>,
  found: BoundRow[],
): StoreFinding[] {
  const want = [...expected.values()].filter((e) => e.row.table === table);
  const have = new Map(found.filter((r) => r.table === table).map((r) => [r.id, r]));
  const ids = [...new Set([...want.map((e) => e.row.id), ...have.keys()])].sort((a, b) => a - b);
  const findings: StoreFinding[] = [];
  for (const id of ids) {
    const bound = expected.get(`${table}:${id}`);
    const row = have.get(id);
    if (!bound && row) findings.push(inserted(row));
    else if (bound && !row) findings.push(deleted(bound));
    else if (bound && row) {
      const field = firstDifference(bound.row.fields, row.fields);
      if (field === null) continue;
      const other = want.find(
        (e) => e.row.id !== id && canonicalJson(e.row.fields) === canonicalJson(row.fields),
      );
      findings.push(other ? reordered(row, other) : edited(row, bound, field));
    }
  }
  return findings;
}

/** Proposals that sign program bytes (content version 2 on): content and code still match. */
function signedBytes(store: Store): StoreFinding[] {
  const findings: StoreFinding[] = [];
  for (const proposal of store.oversight.listProposals()) {
    const row = { table: "proposal" as const, id: proposal.id, proposalId: proposal.id };
    if (contentHash(proposal.content) !== proposal.contentHash) {
      findings.push({
        ...row,
        problem: "edited",
        field: "content",
        entry: null,
        message: `proposal ${proposal.id}: edited (its content no longer hashes to its content hash ${proposal.contentHash.slice(0, 16)}, which approvals sign)`,
      });
      continue;
    }
    for (const side of ["program", "champion"] as const) {
      const signed = proposal.content[side] as { id?: unknown; sha256?: unknown } | undefined;
      if (typeof signed?.sha256 !== "string" || typeof signed.id !== "number") continue;
      const code = store.getProgram(signed.id)?.code;
      const found = code === undefined ? "nothing (the program is gone)" : programBytesHash(code);
      if (found === signed.sha256) continue;
      findings.push({
        ...row,
        problem: "edited",
        field: `${side}.sha256`,
        entry: null,
        message: `proposal ${proposal.id}: program ${signed.id} (its ${side === "program" ? "candidate" : "champion"}) was edited: its code hashes to ${found}, the proposal signed ${signed.sha256}`,
      });
    }
  }
  return findings;
}

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields.find((f) => canonicalJson(a[f] ?? null) !== canonicalJson(b[f] ?? null)) ?? null;
}

function key(row: { table: BoundTable; id: number }): string {
  return `${row.table}:${row.id}`;
}

/** "verdict 3 of proposal 2", "champion 4 (program 9)", "proposal 2", "pin 1". */
export function describeRow(row: BoundRow): string {
  const f = row.fields;
  if (row.table === "verdict") return `verdict ${row.id} of proposal ${String(f.proposalId)}`;
  if (row.table === "champion") return `champion ${row.id} (program ${String(f.programId)})`;
  return `${row.table} ${row.id}`;
}

function proposalOf(row: BoundRow): number | null {
  if (row.table === "proposal") return row.id;
  const id = row.fields.proposalId;
  return typeof id === "number" ? id : null;
}

function finding(
  row: BoundRow,
  problem: StoreProblem,
  entry: number | null,
  field: string | null,
  detail: string,
): StoreFinding {
  return {
    table: row.table,
    id: row.id,
    proposalId: proposalOf(row),
    problem,
    field,
    entry,
    message: `${describeRow(row)}: ${problem} (${detail})`,
  };
}

const inserted = (row: BoundRow) =>
  finding(row, "inserted", null, null, "no ledger entry records this row");

const deleted = (bound: Expected) =>
  finding(bound.row, "deleted", bound.entry, null, `ledger entry ${bound.entry} recorded it`);

const edited = (row: BoundRow, bound: Expected, field: string) =>
  finding(
    row,
    "edited",
    bound.entry,
    field,
    field === "programSha256"
      ? `the program's code differs from the bytes ledger entry ${bound.entry} recorded: ${String(bound.row.fields[field])} expected, ${String(row.fields[field])} found`
      : `${field} differs from ledger entry ${bound.entry}`,
  );

const reordered = (row: BoundRow, other: Expected) =>
  finding(
    row,
    "reordered",
    other.entry,
    null,
    `it holds ${describeRow(other.row)} as ledger entry ${other.entry} recorded it`,
  );

const unbound = (row: BoundRow) =>
  finding(
    row,
    "unbound",
    null,
    null,
    "the ledger binds no store rows: a store from before Steward bound them; any approve, deploy, rollback or run binds them once",
  );
