/**
 * A unified diff (as `src/oversight/diff.ts` makes them) as HTML: one line per
 * diff line, coloured by kind, with hidden characters shown as marked tokens.
 * Shared by the dashboard's proposal page and the static report.
 */
import { type Html, html, markedText } from "./html-text.ts";

function kind(line: string): string {
  if (line.startsWith("+++") || line.startsWith("---")) return "meta";
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  if (line.startsWith("\\")) return "meta";
  return "ctx";
}

export function diffHtml(diff: string): Html {
  if (!diff) return html`<p class="muted">(no textual difference)</p>`;
  const lines = diff.endsWith("\n") ? diff.slice(0, -1).split("\n") : diff.split("\n");
  return html`<pre class="diff">${lines.map((line) => html`<span class="${kind(line)}">${markedText(line)}</span>\n`)}</pre>`;
}

/** A whole program's text, numbered, with hidden characters marked. */
export function codeHtml(code: string): Html {
  const lines = code.endsWith("\n") ? code.slice(0, -1).split("\n") : code.split("\n");
  return html`<pre class="code">${lines.map((line, i) => html`<span class="ln">${String(i + 1).padStart(4)}</span> ${markedText(line)}\n`)}</pre>`;
}
