/**
 * A Python tokenizer for the inside of EVOLVE-BLOCKs. No Python parser is
 * installed for Node here (tree-sitter-python is not a dependency), so gp reads
 * Python as tokens and logical lines: enough to find constants, binary
 * operators and whole statements, and to edit them without ever splitting a
 * string, a comment or a bracketed expression. Whatever it cannot read (an
 * unterminated string, a character it does not know) makes it give up on that
 * text rather than guess.
 */

export type TokenKind = "name" | "number" | "string" | "op" | "comment";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

/** A logical line: one or more physical lines ending at a newline outside brackets. */
export interface LogicalLine {
  /** Offset of the line's first character (its indentation included). */
  start: number;
  /** Offset just past its final line break (or the end of the text). */
  end: number;
  indent: string;
  /** Its significant tokens (comments left out). */
  tokens: Token[];
}

export interface PythonText {
  text: string;
  tokens: Token[];
  lines: LogicalLine[];
}

const OPERATORS = [
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  "->",
  ":=",
  "**",
  "//",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "@",
  "&",
  "|",
  "^",
  "~",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ";",
  ".",
  "=",
];
const NUMBER =
  /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STRING_START = /^(?:[rRbBuUfF]{1,2})?('''|"""|'|")/;

/** Tokens and logical lines of `text`, or null when it is not Python gp can read. */
export function tokenize(text: string): PythonText | null {
  const tokens: Token[] = [];
  const lines: LogicalLine[] = [];
  let depth = 0;
  let lineStart = 0;
  let lineTokens: Token[] = [];
  let i = 0;
  const endLine = (end: number) => {
    if (lineTokens.length > 0) {
      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
      lines.push({ start: lineStart, end, indent, tokens: lineTokens });
    }
    lineTokens = [];
    lineStart = end;
  };
  while (i < text.length) {
    const rest = text.slice(i, i + 400);
    const c = text[i] ?? "";
    if (c === "\n") {
      i++;
      if (depth === 0) endLine(i);
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (c === "\\" && (text[i + 1] === "\n" || text.startsWith("\r\n", i + 1))) {
      i += text[i + 1] === "\n" ? 2 : 3;
      continue;
    }
    if (c === "#") {
      const nl = text.indexOf("\n", i);
      const end = nl < 0 ? text.length : nl;
      tokens.push({ kind: "comment", text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const str = STRING_START.exec(rest);
    if (str) {
      const end = stringEnd(text, i + str[0].length, str[1] ?? "");
      if (end < 0) return null;
      push("string", i, end);
      i = end;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num && /[\d.]/.test(c) && !(c === "." && !/\d/.test(text[i + 1] ?? ""))) {
      push("number", i, i + num[0].length);
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      push("name", i, i + name[0].length);
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) return null;
    if ("([{".includes(op)) depth++;
    if (")]}".includes(op)) depth--;
    if (depth < 0) return null;
    push("op", i, i + op.length);
    i += op.length;
  }
  if (depth !== 0) return null;
  endLine(text.length);
  return { text, tokens, lines };

  function push(kind: TokenKind, start: number, end: number) {
    const token = { kind, text: text.slice(start, end), start, end };
    tokens.push(token);
    lineTokens.push(token);
  }
}

/** Offset just past the closing quote, or -1 when the string does not end. */
function stringEnd(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (quote.length === 1 && c === "\n") return -1;
    if (text.startsWith(quote, i)) return i + quote.length;
    i++;
  }
  return -1;
}

export const KEYWORDS = new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
]);

/** Whether a token ends an operand, so that an operator after it is binary. */
export function endsOperand(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === "number" || token.kind === "string") return true;
  if (token.kind === "name")
    return !KEYWORDS.has(token.text) || /^(True|False|None)$/.test(token.text);
  return token.text === ")" || token.text === "]" || token.text === "}";
}
