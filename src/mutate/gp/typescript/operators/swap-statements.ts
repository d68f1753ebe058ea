/**
 * `swap-statements`: exchanges two adjacent statements of a block when neither
 * reads or writes a name the other declares or assigns (including through a
 * property: `a.x = 1` writes `a`), and the second is not a return, throw,
 * break or continue.
 */
import type TypeScript from "typescript";
import { isAssignment } from "../analysis.ts";
import { declaredNames, freeNames } from "../free-names.ts";
import { ts } from "../typescript.ts";
import { excerpt, pickOrNull } from "./common.ts";
import type { GpOperator } from "./operator.ts";
import { isStructural, isTerminal, type StatementSite, statementSites } from "./statements.ts";

function swappable(first: StatementSite, second: StatementSite): boolean {
  const a = first.statement;
  const b = second.statement;
  if (isStructural(a) || isStructural(b) || isTerminal(b)) return false;
  const usedByA = freeNames(a);
  const usedByB = freeNames(b);
  const writtenByA = writtenNames(a);
  const writtenByB = writtenNames(b);
  return (
    !writtenByA.some((n) => usedByB.has(n) || writtenByB.includes(n)) &&
    !writtenByB.some((n) => usedByA.has(n))
  );
}

/** Names a statement declares or assigns to (so code reading them must stay on the same side). */
function writtenNames(statement: TypeScript.Statement): string[] {
  const t = ts();
  const out = declaredNames(statement);
  const visit = (n: TypeScript.Node): void => {
    let target: TypeScript.Node | undefined;
    if (t.isBinaryExpression(n) && isAssignment(n.operatorToken.kind)) target = n.left;
    if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && isUpdate(n.operator)) {
      target = n.operand;
    }
    while (
      target &&
      (t.isPropertyAccessExpression(target) || t.isElementAccessExpression(target))
    ) {
      target = target.expression;
    }
    if (target && t.isIdentifier(target)) out.push(target.text);
    t.forEachChild(n, visit);
  };
  visit(statement);
  return out;
}

function isUpdate(op: TypeScript.SyntaxKind): boolean {
  const S = ts().SyntaxKind;
  return op === S.PlusPlusToken || op === S.MinusMinusToken;
}

export const swapStatements: GpOperator = {
  name: "swap-statements",
  effect: "neutral",
  apply(ctx) {
    const a = ctx.analysis;
    const sites = statementSites(a.lists);
    const pairs: [StatementSite, StatementSite][] = [];
    for (let i = 1; i < sites.length; i++) {
      const first = sites[i - 1];
      const second = sites[i];
      if (!first || !second || first.list !== second.list || second.index !== first.index + 1)
        continue;
      if (first.list.blocks[first.index] !== second.list.blocks[second.index]) continue;
      if (swappable(first, second)) pairs.push([first, second]);
    }
    const pair = pickOrNull(ctx, pairs);
    if (!pair) return null;
    const [x, y] = pair.map((s) => s.statement);
    if (!x || !y) return null;
    const xText = x.getText(a.sf);
    const yText = y.getText(a.sf);
    if (xText === yText) return null;
    return {
      edits: [
        { start: x.getStart(a.sf), end: x.end, text: yText },
        { start: y.getStart(a.sf), end: y.end, text: xText },
      ],
      note: `swapped ${excerpt(xText)} and ${excerpt(yText)}`,
    };
  },
};
