/**
 * HTML that cannot be made to run or hide anything. Everything a candidate can
 * influence (program text, diff, rationale, metric names, gate evidence,
 * verdict messages) reaches a page or a report only through `text()` or the
 * `html` template, which first make control and invisible characters visible
 * tokens (`<U+202E>`, `\x1b`, as `steward show` prints them) and then escape
 * the five HTML-significant characters. A candidate's `</script><script>` is
 * shown as text; a bidi override cannot reorder what the reviewer reads.
 *
 * Markup is built only from `html` templates: interpolated values are escaped
 * unless they are `Html` made by another template (or `trusted()`, for markup
 * this module's callers build themselves, such as an SVG of numbers).
 */
import { isHiddenCharacter, token, visibleText } from "../util/visible-text.ts";

/** Markup that is already safe: made by `html` or `trusted`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Any value as inert text: hidden characters made visible, then HTML-escaped. */
export function text(value: unknown): string {
  const string = typeof value === "string" ? value : String(value ?? "");
  return visibleText(string).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/**
 * Like `text`, with each hidden character's token also marked (highlighted on
 * the page), for program text and diffs where one must not be missed.
 */
export function markedText(value: string): Html {
  let out = "";
  let plain = "";
  for (const char of value) {
    if (!isHiddenCharacter(char)) {
      plain += char;
      continue;
    }
    out += `${text(plain)}<mark class="hidden" title="a hidden or control character, shown as a token">${text(token(char))}</mark>`;
    plain = "";
  }
  return new Html(out + text(plain));
}

/** Markup built by Steward's own code from numbers and fixed strings, not from input. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return text(value);
}

/** A template whose interpolations are escaped (arrays are joined, null and false dropped). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** A number as people read it in a table: up to 6 significant digits. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined) return "-";
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
