/**
 * A unified diff (as `src/oversight/diff.ts` makes them) as HTML: one line per
 * diff line, coloured by kind, the code syntax-highlighted (highlight.ts), with
 * hidden characters shown as marked tokens. Each hunk's two sides (context and
 * removed lines; context and added lines) are highlighted as code of their own,
 * so a comment or string spanning lines is coloured as one. Shared by the
 * dashboard's proposal page and the static report.
 */
import { highlightLines } from "./highlight.ts";
import { type Html, html, markedText, trusted } from "./html-text.ts";

type Kind = "meta" | "hunk" | "add" | "del" | "ctx";

function kind(line: string): Kind {
  if (line.startsWith("+++") || line.startsWith("---")) return "meta";
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  if (line.startsWith("\\")) return "meta";
  return "ctx";
}

/** `language`: a highlight.js name (languageOf(file)); null shows the code plain. */
export function diffHtml(diff: string, language: string | null = null): Html {
  if (!diff) return html`<p class="muted">(no textual difference)</p>`;
  const lines = diff.endsWith("\n") ? diff.slice(0, -1).split("\n") : diff.split("\n");
  const kinds = lines.map(kind);
  const code = highlightSides(lines, kinds, language);
  return html`<pre class="diff">${lines.map((line, i) => {
    const k = kinds[i] as Kind;
    const body = code[i];
    if (body === undefined) return html`<span class="${k}">${markedText(line)}</span>\n`;
    return html`<span class="${k}">${line.slice(0, 1)}${trusted(body)}</span>\n`;
  })}</pre>`;
}

/**
 * The highlighted code of each add/del/context line (without its one-character
 * prefix), by index; meta and hunk lines have none.
 */
function highlightSides(
  lines: readonly string[],
  kinds: readonly Kind[],
  language: string | null,
): Array<string | undefined> {
  const out: Array<string | undefined> = new Array(lines.length);
  let from = 0;
  while (from < lines.length) {
    if (kinds[from] === "meta" || kinds[from] === "hunk") {
      from++;
      continue;
    }
    let to = from;
    while (to < lines.length && kinds[to] !== "meta" && kinds[to] !== "hunk") to++;
    for (const side of ["del", "add"] as const) {
      const at: number[] = [];
      for (let i = from; i < to; i++) if (kinds[i] === "ctx" || kinds[i] === side) at.push(i);
      const code = at.map((i) => (lines[i] as string).slice(1)).join("\n");
      const highlighted = highlightLines(code, language);
      at.forEach((i, n) => {
        if (kinds[i] === side || side === "add") out[i] = highlighted[n];
      });
    }
    from = to;
  }
  return out;
}

/** A whole program's text, numbered, highlighted, with hidden characters marked. */
export function codeHtml(code: string, language: string | null = null): Html {
  const text = code.endsWith("\n") ? code.slice(0, -1) : code;
  const lines = highlightLines(text, language);
  return html`<pre class="code">${lines.map((line, i) => html`<span class="ln">${String(i + 1).padStart(4)}</span> ${trusted(line)}\n`)}</pre>`;
}
