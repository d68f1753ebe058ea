/**
 * A cheap structural size of code, with no parser: the number of structural
 * tokens a regex tokenizer finds, i.e. control keywords (if, for, while,
 * case, catch, return, ...), operators (arithmetic, comparison, logical,
 * assignment, arrows, ternaries) and opening brackets (so every call, index
 * and block counts). Comments and string contents are skipped; identifiers,
 * numbers, commas, semicolons and dots do not count. It works on JS, TS and
 * Python alike and on code that does not parse; it is a feature for diversity,
 * not a metric of quality.
 */
import type { CharterLanguage } from "../problem/charter.ts";

const CONTROL_KEYWORDS = new Set([
  "if",
  "else",
  "elif",
  "for",
  "while",
  "do",
  "switch",
  "case",
  "default",
  "try",
  "catch",
  "except",
  "finally",
  "return",
  "yield",
  "await",
  "break",
  "continue",
  "throw",
  "raise",
  "function",
  "def",
  "lambda",
  "class",
  "new",
  "with",
  "and",
  "or",
  "not",
]);

const C_COMMENT = String.raw`\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)`;
const HASH_COMMENT = String.raw`#[^\n]*`;
const STRING = String.raw`"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|\x60(?:\\.|[^\x60\\])*\x60?`;
const WORD = String.raw`[A-Za-z_$][\w$]*`;
const NUMBER = String.raw`\d+(?:\.\d*)?(?:[eE][-+]?\d+)?\w*|\.\d+(?:[eE][-+]?\d+)?`;
const OPERATOR = String.raw`>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|\?\?=|&&=|\|\|=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|\*\*|<<|>>|[-+*/%<>=!&|^~?:@]`;
const OPENING = "[([{]";

function tokenizer(language: CharterLanguage): RegExp {
  const comment = language === "python" ? HASH_COMMENT : C_COMMENT;
  return new RegExp(
    `(${comment})|(${STRING})|(${WORD})|(${NUMBER})|(${OPERATOR})|(${OPENING})|\\S`,
    "g",
  );
}

const TOKENIZERS = new Map<CharterLanguage, RegExp>();

/** The number of structural tokens in `code` (see the file comment). */
export function complexity(code: string, language: CharterLanguage = "typescript"): number {
  let pattern = TOKENIZERS.get(language);
  if (pattern === undefined) {
    pattern = tokenizer(language);
    TOKENIZERS.set(language, pattern);
  }
  let count = 0;
  for (const match of code.matchAll(pattern)) {
    const [, , , word, , operator, opening] = match;
    if (word !== undefined) {
      if (CONTROL_KEYWORDS.has(word)) count++;
    } else if (operator !== undefined || opening !== undefined) {
      count++;
    }
  }
  return count;
}
