/**
 * TypeScript -> JavaScript (ES module) without type-checking, as the engine
 * prepares candidates and Steward's own sandbox runtime. Syntax errors come back
 * as diagnostics with line numbers instead of being thrown.
 */
import ts from "typescript";

export interface TranspileResult {
  code: string;
  /** Syntax errors, "line N: message"; empty when the source parses. */
  errors: string[];
}

export function transpileTs(source: string, fileName = "program.ts"): TranspileResult {
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
