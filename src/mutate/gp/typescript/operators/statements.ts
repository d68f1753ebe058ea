/** Helpers of the statement operators: which statements a list holds inside blocks, and their kinds. */
import type TypeScript from "typescript";
import type { ListSite } from "../sites.ts";
import { ts } from "../typescript.ts";

type Statement = TypeScript.Statement;

export interface StatementSite {
  list: ListSite;
  index: number;
  statement: Statement;
}

/** Every statement inside a block, with its list and position. */
export function statementSites(lists: readonly ListSite[]): StatementSite[] {
  const out: StatementSite[] = [];
  for (const list of lists) {
    list.statements.forEach((statement, index) => {
      if ((list.blocks[index] ?? -1) >= 0) out.push({ list, index, statement });
    });
  }
  return out;
}

/** return, throw, break, continue: nothing after it in the list runs. */
export function isTerminal(s: Statement): boolean {
  const t = ts();
  return t.isReturnStatement(s) || t.isThrowStatement(s) || t.isBreakOrContinueStatement(s);
}

/** Declarations that are not plain code to move around: functions, classes, types, imports, exports. */
export function isStructural(s: Statement): boolean {
  const t = ts();
  if (
    t.isFunctionDeclaration(s) ||
    t.isClassDeclaration(s) ||
    t.isInterfaceDeclaration(s) ||
    t.isTypeAliasDeclaration(s) ||
    t.isEnumDeclaration(s) ||
    t.isModuleDeclaration(s) ||
    t.isImportDeclaration(s) ||
    t.isExportDeclaration(s) ||
    t.isExportAssignment(s)
  ) {
    return true;
  }
  const modifiers = t.canHaveModifiers(s) ? t.getModifiers(s) : undefined;
  return modifiers?.some((m) => m.kind === t.SyntaxKind.ExportKeyword) ?? false;
}

/** Whether the list is the body of its function (so its last return is the function's result). */
export function isFunctionBody(list: ListSite): boolean {
  const t = ts();
  return list.fn !== null && t.isBlock(list.owner) && list.owner.parent === list.fn;
}

/** Lines after the first moved from one indentation to another. */
export function reindent(text: string, from: string, to: string): string {
  if (from === to) return text;
  return text
    .split("\n")
    .map((line, i) => (i > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join("\n");
}
