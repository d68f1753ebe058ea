/**
 * `delete-statement`: removes a statement inside a block, unless it declares a
 * name used elsewhere, is a function's final return, or is a declaration of a
 * function, class or type (or exported).
 */
import { wholeLines } from "../edits.ts";
import { declaredNames } from "../free-names.ts";
import type { Analysis } from "../sites.ts";
import { ts } from "../typescript.ts";
import { excerpt, pickOrNull } from "./common.ts";
import type { GpOperator } from "./operator.ts";
import { isFunctionBody, isStructural, type StatementSite, statementSites } from "./statements.ts";

function deletable(a: Analysis, site: StatementSite): boolean {
  const { statement, list, index } = site;
  if (isStructural(statement)) return false;
  if (
    ts().isReturnStatement(statement) &&
    isFunctionBody(list) &&
    index === list.statements.length - 1
  ) {
    return false;
  }
  const names = declaredNames(statement);
  if (names.length === 0) return true;
  const inside = new Map<string, number>();
  const visit = (n: import("typescript").Node): void => {
    if (ts().isIdentifier(n)) inside.set(n.text, (inside.get(n.text) ?? 0) + 1);
    ts().forEachChild(n, visit);
  };
  visit(statement);
  return names.every((name) => (a.identifiers.get(name) ?? 0) <= (inside.get(name) ?? 0));
}

export const deleteStatement: GpOperator = {
  name: "delete-statement",
  effect: "shrink",
  apply(ctx) {
    const a = ctx.analysis;
    const site = pickOrNull(
      ctx,
      statementSites(a.lists).filter((s) => deletable(a, s)),
    );
    if (!site) return null;
    const [start, end] = wholeLines(a.text, site.statement.getStart(a.sf), site.statement.end);
    return {
      edits: [{ start, end, text: "" }],
      note: `removed ${excerpt(site.statement.getText(a.sf))}`,
    };
  },
};
