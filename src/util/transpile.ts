/**
 * TypeScript -> JavaScript (ES module) without type-checking, as the engine
 * prepares candidates and Steward's own sandbox runtime. Syntax errors come back
 * as diagnostics with line numbers instead of being thrown.
 */
import { createRequire } from "node:module";
import type TypeScript from "typescript";

// Loaded on first use: typescript takes ~0.5 s to load, and evaluator processes
// that find the runtime already compiled never need it.
let loaded: typeof TypeScript | undefined;
function typescript(): typeof TypeScript {
  loaded ??= createRequire(import.meta.url)("typescript") as typeof TypeScript;
  return loaded;
}

export interface TranspileResult {
  code: string;
  /** Syntax errors, "line N: message"; empty when the source parses. */
  errors: string[];
}

/**
 * Recent results by file name and text: the gp mutator checks that a candidate
 * parses and the engine then compiles the same text, so the second is free.
 */
const recent = new Map<string, TranspileResult>();
const RECENT_MAX = 64;

export function transpileTs(source: string, fileName = "program.ts"): TranspileResult {
  const key = `${fileName}\0${source}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const result = compile(source, fileName);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(key, result);
  return result;
}

function compile(source: string, fileName: string): TranspileResult {
  const ts = typescript();
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      rewriteRelativeImportExtensions: true,
      verbatimModuleSyntax: false,
      sourceMap: false,
    },
  });
  const errors = (out.diagnostics ?? []).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (d.file && d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `line ${line + 1}:${character + 1}: ${text}`;
    }
    return text;
  });
  return { code: out.outputText, errors };
}
