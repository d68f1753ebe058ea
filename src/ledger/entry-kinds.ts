/**
 * What a ledger entry records. Every one is appended by Steward itself, never by
 * a candidate. Entries that write oversight rows carry them under `data.rows`
 * (src/oversight/store-binding.ts).
 */
export const ENTRY_KINDS = [
  "run-start",
  "charter-pin",
  "charter-change",
  "charter-accept",
  "proposal",
  /** Older open proposals a new, better one against the same champion supersedes (supersede.ts). */
  "proposal-superseded",
  "gate-result",
  "approval",
  "rejection",
  "deploy",
  "rollback",
  /** A deploy or rollback that refused: the bytes or the store did not match what was signed. */
  "deploy-refused",
  /** The seed became the champion. */
  "champion",
  /** Rows of a store made before rows were bound, bound once as found. */
  "store-baseline",
  "budget-stop",
  "stop",
  "pause",
  "resume",
  "run-end",
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

export function isEntryKind(value: unknown): value is EntryKind {
  return typeof value === "string" && (ENTRY_KINDS as readonly string[]).includes(value);
}
