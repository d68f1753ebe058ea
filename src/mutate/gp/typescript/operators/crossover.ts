/**
 * `crossover`: brings code from an inspiration's same block: one of its number
 * expressions in place of one of ours, one of its statements in place of ours
 * of the same kind (same names for declarations), or, in programs with several
 * blocks, the whole block. Copied code must find every name it uses in scope.
 */
import { indentAt } from "../edits.ts";
import { declaredNames, resolvable } from "../free-names.ts";
import type { Analysis } from "../sites.ts";
import { excerpt, freeSites, pickOrNull, replaceSite } from "./common.ts";
import type { Change, GpOperator, OperatorContext } from "./operator.ts";
import { isStructural, reindent, statementSites } from "./statements.ts";

function expression(ctx: OperatorContext, donor: Analysis): Change | null {
  const a = ctx.analysis;
  const target = pickOrNull(ctx, freeSites(a));
  if (!target) return null;
  const own = target.node.getText(a.sf);
  const options = freeSites(donor).filter(
    (s) =>
      s.block === target.block &&
      s.node.getText(donor.sf) !== own &&
      resolvable(s.node, target.scope),
  );
  const source = pickOrNull(ctx, options);
  if (!source) return null;
  const edit = replaceSite(ctx, target, source.node, donor.sf);
  if (!edit) return null;
  return { edits: [edit], note: `${excerpt(own)} -> ${excerpt(source.node.getText(donor.sf))}` };
}

function statement(ctx: OperatorContext, donor: Analysis): Change | null {
  const a = ctx.analysis;
  const target = pickOrNull(ctx, statementSites(a.lists));
  if (!target) return null;
  const block = target.list.blocks[target.index];
  const scope = target.list.scopes[target.index];
  const mine = target.statement;
  // A whole function or exported declaration would usually copy the inspiration outright.
  if (isStructural(mine)) return null;
  const own = mine.getText(a.sf);
  const names = declaredNames(mine).join(",");
  if (!scope) return null;
  const options = statementSites(donor.lists).filter(
    (s) =>
      s.list.blocks[s.index] === block &&
      s.statement.kind === mine.kind &&
      declaredNames(s.statement).join(",") === names &&
      s.statement.getText(donor.sf) !== own &&
      resolvable(s.statement, scope),
  );
  const source = pickOrNull(ctx, options);
  if (!source) return null;
  const from = indentAt(donor.text, source.statement.getStart(donor.sf));
  const to = indentAt(a.text, mine.getStart(a.sf));
  const text = reindent(source.statement.getText(donor.sf), from, to);
  return {
    edits: [{ start: mine.getStart(a.sf), end: mine.end, text }],
    note: `${excerpt(own)} -> ${excerpt(text)}`,
  };
}

function wholeBlock(ctx: OperatorContext, donor: Analysis): Change | null {
  const a = ctx.analysis;
  if (a.blocks.length < 2 || donor.blocks.length !== a.blocks.length) return null;
  const b = ctx.rng.int(a.blocks.length);
  const mine = a.blocks[b];
  const theirs = donor.blocks[b];
  if (!mine || !theirs) return null;
  const text = donor.text.slice(theirs.start, theirs.end);
  if (text === a.text.slice(mine.start, mine.end)) return null;
  return {
    edits: [{ start: mine.start, end: mine.end, text }],
    note: `block ${b + 1} from an inspiration`,
  };
}

export const crossover: GpOperator = {
  name: "crossover",
  effect: "neutral",
  apply(ctx) {
    const donors = ctx.donors();
    if (donors.length === 0) return null;
    const donor = ctx.rng.pick(donors);
    const modes = [expression, expression, expression, statement, statement, wholeBlock];
    const first = ctx.rng.int(modes.length);
    for (let i = 0; i < modes.length; i++) {
      const mode = modes[(first + i) % modes.length];
      const change = mode?.(ctx, donor);
      if (change) return change;
    }
    return null;
  },
};
