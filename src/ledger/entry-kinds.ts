/** What a ledger entry records. Every one is appended by Steward itself, never by a candidate. */
export const ENTRY_KINDS = [
  "run-start",
  "charter-pin",
  "charter-change",
  "charter-accept",
  "proposal",
  "gate-result",
  "approval",
  "rejection",
  "deploy",
  "rollback",
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
