/**
 * What applying an LLM reply to a parent program yields: the new program, or a
 * typed failure whose message is specific enough to send back to the model in
 * one retry. Plain data; the behaviour lives in `apply-reply.ts`.
 */

export type EditKind = "search-replace" | "block-rewrite";

export type EditFailure =
  /** The reply holds no SEARCH/REPLACE block and no fenced code. */
  | "no-code"
  /** A SEARCH text matches nothing, exactly or up to whitespace. */
  | "no-match"
  /** A SEARCH text (or a marker-less rewrite) fits more than one place. */
  | "ambiguous"
  /** The edit would change a byte outside the EVOLVE-BLOCKs. */
  | "outside-blocks"
  /** The program comes out equal to the parent. */
  | "no-change"
  /** The reply is cut off or broken: a SEARCH without its REPLACE, an unclosed fence. */
  | "malformed"
  /** The edit removes, adds or breaks EVOLVE-BLOCK marker lines. */
  | "markers";

export type EditResult =
  | {
      ok: true;
      code: string;
      /** The reply's prose (everything outside code), trimmed. */
      rationale: string;
      /** SEARCH/REPLACE blocks applied, or blocks rewritten. */
      edits: number;
      kind: EditKind;
    }
  | { ok: false; reason: EditFailure; message: string; rationale: string };

/** The result of one way of editing, before the rationale is attached. */
export type EditOutcome =
  | { ok: true; code: string; edits: number }
  | { ok: false; reason: EditFailure; message: string };

export function failure(reason: EditFailure, message: string): EditOutcome {
  return { ok: false, reason, message };
}

/** A line for a message: quoted, without its line break, at most 80 characters. */
export function quoteLine(line: string): string {
  const text = line.replace(/\r?\n$/, "");
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
