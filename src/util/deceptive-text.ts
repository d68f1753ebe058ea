/**
 * Characters in program text that can make code read differently from how it
 * runs: bidi controls that reorder a displayed line (Trojan Source), invisible
 * characters (zero-width space, joiners, BOM, variation selectors), raw control
 * characters (an ANSI escape that clears a line, a carriage return that
 * overwrites one), and identifiers that mix scripts (`vаlue` with a Cyrillic
 * "а" is a different name from `value`). The proposal content and the policy
 * scan both list them, so a reviewer is told even when the terminal shows
 * nothing.
 */
import { isHiddenCharacter, token } from "./visible-text.ts";

export type DeceptiveKind =
  | "bidi-control"
  | "invisible-character"
  | "control-character"
  | "mixed-script-identifier";

export interface DeceptiveText {
  kind: DeceptiveKind;
  /** 1-based line and column (in UTF-16 units, as editors count). */
  line: number;
  column: number;
  /** What was found, already made visible (`<U+202E>`, `v<Cyrillic>а...`). */
  text: string;
}

const BIDI = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/u;
const IDENTIFIER = /[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*/gu;

/**
 * Scripts told apart in identifiers. Han, Hiragana and Katakana are one group:
 * Japanese names mix them honestly. A letter in none of these is "other".
 */
const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Japanese/Chinese", /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["Hangul", /\p{Script=Hangul}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
  ["Thai", /\p{Script=Thai}/u],
];

/** Every deceptive character or identifier in `code`, in source order. */
export function findDeceptiveText(code: string): DeceptiveText[] {
  const found: DeceptiveText[] = [];
  const lines = code.split("\n");
  lines.forEach((text, index) => {
    let column = 1;
    const chars = [...text];
    chars.forEach((char, i) => {
      const kind = emojiPart(chars, i) ? null : characterKind(char, column === text.length);
      if (kind) found.push({ kind, line: index + 1, column, text: token(char) });
      column += char.length;
    });
    for (const match of text.matchAll(IDENTIFIER)) {
      const scripts = scriptsOf(match[0]);
      if (scripts.length < 2) continue;
      found.push({
        kind: "mixed-script-identifier",
        line: index + 1,
        column: (match.index ?? 0) + 1,
        text: `${visibleName(match[0])} (${scripts.join(" + ")})`,
      });
    }
  });
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * One warning per kind for a reviewer, naming the first lines, or none. These
 * go into the proposal content, so approvals sign that the warning was shown.
 */
export function deceptiveTextWarnings(code: string): string[] {
  const found = findDeceptiveText(code);
  const kinds: Array<[DeceptiveKind, string]> = [
    ["bidi-control", "Unicode bidi controls, which can reorder how a line displays"],
    ["invisible-character", "invisible characters (zero-width, format or private-use)"],
    ["control-character", "control characters (terminal escapes, carriage returns)"],
    ["mixed-script-identifier", "identifiers mixing scripts, which can imitate other names"],
  ];
  return kinds.flatMap(([kind, what]) => {
    const hits = found.filter((f) => f.kind === kind);
    if (hits.length === 0) return [];
    const listed = hits
      .slice(0, 5)
      .map((h) => `line ${h.line} ${h.text}`)
      .join(", ");
    const more = hits.length > 5 ? ` and ${hits.length - 5} more` : "";
    return [
      `review: the program contains ${what}: ${listed}${more}; read it with "steward show", where they are printed visibly`,
    ];
  });
}

function characterKind(char: string, lastInLine: boolean): DeceptiveKind | null {
  if (!isHiddenCharacter(char)) return null;
  if (BIDI.test(char)) return "bidi-control";
  const code = char.codePointAt(0) ?? 0;
  // A carriage return that ends a line is a Windows line ending, not a trick.
  if (code === 0x0d && lastInLine) return null;
  return code <= 0x9f ? "control-character" : "invisible-character";
}

const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * An emoji presentation selector (U+FE0E/F) right after a pictograph, or a
 * zero-width joiner between two (as in family emoji): how emoji in comments
 * and strings are written, not a way to hide code.
 */
function emojiPart(chars: string[], i: number): boolean {
  const char = chars[i] ?? "";
  const before = PICTOGRAPH.test(chars[i - 1] ?? "");
  if (char === "\ufe0e" || char === "\ufe0f") return before;
  if (char !== "\u200d") return false;
  const after = chars[i + 1] ?? "";
  const afterSelector = chars[i - 1] === "\ufe0f" && PICTOGRAPH.test(chars[i - 2] ?? "");
  return (before || afterSelector) && PICTOGRAPH.test(after);
}

function scriptsOf(name: string): string[] {
  const scripts = new Set<string>();
  for (const char of name) {
    if (!/\p{L}/u.test(char)) continue;
    scripts.add(SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? "other");
  }
  return [...scripts];
}

/** The identifier with each non-ASCII letter followed by its code point. */
function visibleName(name: string): string {
  return [...name]
    .map((char) =>
      char.charCodeAt(0) < 0x80
        ? char
        : `${char}<U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}>`,
    )
    .join("");
}
