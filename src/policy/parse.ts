/**
 * Parses and binds one candidate file with the TypeScript compiler API, with no
 * library and no imports resolved, so that every identifier either resolves to
 * a declaration in the file (the candidate's own name) or to nothing (a global).
 */
import { createRequire } from "node:module";
import type TypeScript from "typescript";

// Loaded on first use, like src/util/transpile.ts: typescript takes ~0.5 s to load.
let loaded: typeof TypeScript | undefined;
export function typescript(): typeof TypeScript {
  loaded ??= createRequire(import.meta.url)("typescript") as typeof TypeScript;
  return loaded;
}

export interface Bound {
  ts: typeof TypeScript;
  file: TypeScript.SourceFile;
  checker: TypeScript.TypeChecker;
}

export function parseAndBind(code: string, fileName: string): Bound {
  const ts = typescript();
  const javascript = /\.[cm]?jsx?$/.test(fileName);
  const name = `/${javascript ? "candidate.js" : "candidate.ts"}`;
  const file = ts.createSourceFile(
    name,
    code,
    ts.ScriptTarget.Latest,
    true,
    javascript ? ts.ScriptKind.JS : ts.ScriptKind.TS,
  );
  const host: TypeScript.CompilerHost = {
    getSourceFile: (requested) => (requested === name ? file : undefined),
    getDefaultLibFileName: () => "/lib.d.ts",
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (requested) => requested === name,
    readFile: () => undefined,
  };
  const program = ts.createProgram(
    [name],
    {
      noLib: true,
      noResolve: true,
      types: [],
      allowJs: true,
      target: ts.ScriptTarget.Latest,
      module: ts.ModuleKind.ESNext,
    },
    host,
  );
  return { ts, file: program.getSourceFile(name) ?? file, checker: program.getTypeChecker() };
}

/** Whether `id` is read as a value (not a property name, a label or part of a type). */
export function isValueReference(ts: typeof TypeScript, id: TypeScript.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) || ts.isMetaProperty(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isGetAccessorDeclaration(p) ||
      ts.isSetAccessorDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodSignature(p) ||
      ts.isEnumMember(p)) &&
    p.name === id
  )
    return false;
  for (let n: TypeScript.Node | undefined = id; n; n = n.parent) {
    if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return false;
  }
  return true;
}

/** Whether `id` is a value reference to a global: nothing in the file declares it. */
export function isGlobalReference(bound: Bound, id: TypeScript.Identifier): boolean {
  const { ts, checker, file } = bound;
  if (!isValueReference(ts, id)) return false;
  const symbol = ts.isShorthandPropertyAssignment(id.parent)
    ? checker.getShorthandAssignmentValueSymbol(id.parent)
    : checker.getSymbolAtLocation(id);
  if (!symbol) return true;
  return !(symbol.declarations ?? []).some((d) => d.getSourceFile() === file);
}
