/**
 * The last step of a gp mutation: rebuild the candidate from the parent with
 * only the block interiors replaced, then check it (markers untouched, no block
 * past the size limit, the whole file parses). Null means "try again".
 */
import { changedOutsideBlocks, parseBlocks, replaceBlocks } from "../../../problem/markers.ts";
import { transpileTs } from "../../../util/transpile.ts";
import type { Language } from "./sites.ts";
import { ts } from "./typescript.ts";

export function assemble(
  parentCode: string,
  edited: string,
  language: Language,
  maxBlockChars: number,
): string | null {
  let interiors: string[];
  try {
    interiors = parseBlocks(edited).map((b) => b.text);
  } catch {
    return null;
  }
  const before = parseBlocks(parentCode);
  if (interiors.length !== before.length) return null;
  const tooBig = interiors.some(
    (text, i) => text.length > Math.max(maxBlockChars, before[i]?.text.length ?? 0),
  );
  if (tooBig) return null;
  const code = replaceBlocks(parentCode, interiors);
  if (code === parentCode || !changedOutsideBlocks(parentCode, code).ok) return null;
  return parses(code, language) ? code : null;
}

/**
 * Whether the whole program parses: the parser's own diagnostics, which is what
 * `transpileModule` reports for TypeScript without building a program and a
 * checker (~20x faster). In JavaScript it would also reject TypeScript-only
 * syntax, which gp never writes (it copies code only from programs in the same
 * language). Should that internal field ever go, `transpileTs` decides.
 */
function parses(code: string, language: Language): boolean {
  const t = ts();
  const js = language === "javascript";
  const fileName = js ? "program.js" : "program.ts";
  const kind = js ? t.ScriptKind.JS : t.ScriptKind.TS;
  const sf = t.createSourceFile(fileName, code, t.ScriptTarget.Latest, false, kind);
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  if (Array.isArray(diagnostics)) return diagnostics.length === 0;
  return transpileTs(code, fileName).errors.length === 0;
}
