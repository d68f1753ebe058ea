/**
 * `duplicate-statement`: repeats a statement of a block right after it (not a
 * declaration, which would be declared twice, nor a return, throw, break or
 * continue), changing one constant of the copy when it has any.
 */

import { perturb } from "../constants.ts";
import { applyEdits, indentAt } from "../edits.ts";
import { numberNode, replacementText } from "../print.ts";
import { ts } from "../typescript.ts";
import { excerpt, isLiteralUnit, literalValue, pickOrNull } from "./common.ts";
import type { GpOperator } from "./operator.ts";
import { isStructural, isTerminal, statementSites } from "./statements.ts";

export const duplicateStatement: GpOperator = {
  name: "duplicate-statement",
  effect: "grow",
  apply(ctx) {
    const a = ctx.analysis;
    const t = ts();
    const site = pickOrNull(
      ctx,
      statementSites(a.lists).filter(
        (s) =>
          !isStructural(s.statement) &&
          !isTerminal(s.statement) &&
          !t.isVariableStatement(s.statement),
      ),
    );
    if (!site) return null;
    const { statement } = site;
    const start = statement.getStart(a.sf);
    let copy = statement.getText(a.sf);
    const literals = a.exprs.filter(
      (s) => isLiteralUnit(s) && s.node.getStart(a.sf) >= start && s.node.end <= statement.end,
    );
    const literal = pickOrNull(ctx, literals);
    const value = literal ? literalValue(literal.node) : null;
    if (literal && value !== null) {
      const next = perturb(value, ctx.rng, literal.integer);
      const at = literal.node.getStart(a.sf) - start;
      const text = replacementText(literal.node, numberNode(next), a.sf);
      copy = applyEdits(copy, [{ start: at, end: literal.node.end - start, text }]);
    }
    return {
      edits: [
        { start: statement.end, end: statement.end, text: `\n${indentAt(a.text, start)}${copy}` },
      ],
      note: `repeated ${excerpt(copy)}`,
    };
  },
};
