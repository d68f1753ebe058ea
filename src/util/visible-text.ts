/**
 * Text shown to the people who approve proposals, made unable to hide anything.
 * AI-written code can carry terminal escape sequences (clear a line, move the
 * cursor), carriage returns that overwrite what came before, Unicode bidi
 * controls that reorder what a line displays ("Trojan Source", CVE-2021-42574)
 * and characters that display as nothing. Printed raw, the reviewer reads one
 * program and signs another. Here every such character becomes a visible token:
 * C0/C1 controls read `\x1b`, invisible Unicode reads `<U+202E>`.
 *
 * Newline is kept (diffs are line-based) and so is tab: a tab only moves the
 * cursor forward to the next stop, so it cannot hide or reorder text, and code
 * indented with tabs stays readable. A literal backslash is left alone: the
 * token `\x1b` typed as text is visible either way, and the review warnings
 * (see deceptive-text.ts) say when a real control character is present.
 */

/** C0 controls except tab and newline, DEL, and the C1 controls. */
const CONTROL = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f";

/**
 * Characters that display as nothing or change how neighbours display: format
 * characters (bidi controls, zero-width space/joiners, word joiner, BOM, soft
 * hyphen, tag characters), line and paragraph separators, variation selectors,
 * the combining grapheme joiner, Hangul fillers (invisible yet valid in
 * identifiers), Mongolian free variation selectors, private-use code points and
 * lone surrogates.
 */
const INVISIBLE =
  "\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Cs}\\p{Variation_Selector}\\u034f\\u115f\\u1160\\u3164\\uffa0\\u180b-\\u180f";

const HIDDEN = new RegExp(`[${CONTROL}]|[${INVISIBLE}]`, "gu");
const HIDDEN_ONE = new RegExp(`^(?:[${CONTROL}]|[${INVISIBLE}])$`, "u");
/** What JSON.stringify leaves raw but a terminal would act on or hide. */
const JSON_HIDDEN = new RegExp(`[\\u007f-\\u009f]|[${INVISIBLE}]`, "gu");

/** `text` with every control or invisible character replaced by a visible token. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, token);
}

/** Whether `char` (one code point) is one that visibleText replaces. */
export function isHiddenCharacter(char: string): boolean {
  return HIDDEN_ONE.test(char);
}

/** `\x1b` for a control character, `<U+202E>` for an invisible Unicode one. */
export function token(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0x9f) return `\\x${code.toString(16).padStart(2, "0")}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/**
 * JSON.stringify whose output is safe on a terminal and still parses to the
 * same value: what JSON leaves raw (DEL, C1 controls, invisible Unicode) is
 * written as `\uXXXX` escapes, so a program reading the JSON gets the exact
 * bytes (and can re-hash them) while a person reading it sees every character.
 */
export function visibleJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_HIDDEN, (char) =>
    Array.from(
      { length: char.length },
      (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`,
    ).join(""),
  );
}
