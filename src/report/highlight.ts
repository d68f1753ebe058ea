/**
 * Syntax highlighting on the server, with highlight.js (well kept, no DOM, no
 * network): its HTML is only `<span class="hljs-...">` around escaped text, so
 * pages and reports need no script and the dashboard's CSP stays `script-src`
 * nonce-only. A program is highlighted whole (a comment or string over many
 * lines stays one token) and then cut into lines, each closing and reopening
 * the spans it crosses.
 *
 * Hidden characters are made visible tokens inside the highlighted text, as
 * `markedText` does for plain text. And every highlighted line is checked: with
 * its tags removed and entities decoded it must read exactly as the plain line
 * does (`visibleText`); if it does not, the plain line is shown instead. So the
 * highlighter can colour what a reviewer reads, never change it.
 */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import typescript from "highlight.js/lib/languages/typescript";
import { isHiddenCharacter, token, visibleText } from "../util/visible-text.ts";
import { markedText, text } from "./html-text.ts";

const LANGUAGES = { bash, c, cpp, go, java, javascript, python, rust, typescript };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

const BY_EXTENSION: Record<string, keyof typeof LANGUAGES> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  py: "python",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  rs: "rust",
  go: "go",
  java: "java",
  sh: "bash",
};

/** The highlight.js language for a file name (`program.ts`), or null: shown plain. */
export function languageOf(fileName: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || null;
}

const TOKEN = /<span class="[a-z0-9_ -]*">|<\/span>|\n|[^<\n]+/g;

/** Each line of `code` as safe HTML, highlighted when `language` is known. */
export function highlightLines(code: string, language: string | null): string[] {
  const lines = code.split("\n");
  const plain = () => lines.map((line) => markedText(line).value);
  if (!language || !hljs.getLanguage(language)) return plain();
  let highlighted: string;
  try {
    highlighted = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  } catch {
    return plain();
  }
  const out: string[] = [];
  const open: string[] = [];
  let line = "";
  for (const [piece] of highlighted.matchAll(TOKEN)) {
    if (piece === "\n") {
      out.push(line + "</span>".repeat(open.length));
      line = open.join("");
    } else if (piece === "</span>") {
      open.pop();
      line += piece;
    } else if (piece.startsWith("<span")) {
      open.push(piece);
      line += piece;
    } else line += markHidden(piece);
  }
  out.push(line + "</span>".repeat(open.length));
  if (out.length !== lines.length) return plain();
  return out.map((html, i) => {
    const original = lines[i] as string;
    return readsAs(html, original) ? html : markedText(original).value;
  });
}

/** Hidden characters in already-escaped text, as marked visible tokens. */
function markHidden(escaped: string): string {
  let out = "";
  for (const char of escaped) {
    out += isHiddenCharacter(char)
      ? `<mark class="hidden" title="a hidden or control character, shown as a token">${text(token(char))}</mark>`
      : char;
  }
  return out;
}

const ENTITY: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
};

const ALLOWED_TAGS = /<mark class="hidden"[^>]*>|<\/mark>|<span class="[a-z0-9_ -]*">|<\/span>/g;

/**
 * Whether the line's HTML holds no markup but the highlighter's spans and the
 * hidden-character marks, and, those removed and entities decoded, reads
 * exactly as the plain line does.
 */
function readsAs(html: string, line: string): boolean {
  const stripped = html.replace(ALLOWED_TAGS, "");
  if (/[<>]/.test(stripped)) return false;
  const shown = stripped.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITY[e] as string);
  return shown === visibleText(line);
}
