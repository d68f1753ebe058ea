/**
 * The bytes a ledger entry hashes as: canonicalJson({ index, kind, time, data }),
 * where index is the entry's position in the log (seq - 1). Putting the index in
 * the hashed body is what lets verification tell a deleted row from a moved one.
 */
import { canonicalJson } from "../util/canonical-json.ts";
import { type EntryKind, isEntryKind } from "./entry-kinds.ts";

export interface EntryBody {
  index: number;
  kind: EntryKind;
  /** ISO 8601. */
  time: string;
  data: Record<string, unknown>;
}

export function encodeEntryBody(body: EntryBody): string {
  return canonicalJson(body);
}

/** The body a stored string holds, or undefined when it is not a well-formed one. */
export function parseEntryBody(text: string): EntryBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { index, kind, time, data } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(index) || (index as number) < 0) return undefined;
  if (!isEntryKind(kind) || typeof time !== "string") return undefined;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const body = { index: index as number, kind, time, data: data as Record<string, unknown> };
  // A body that is valid JSON but not canonical was not written by the ledger.
  return encodeEntryBody(body) === text ? body : undefined;
}
