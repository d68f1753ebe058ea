/**
 * `shrink`: replaces a compound number-valued expression by one of the number
 * expressions inside it (hoisting), by a single name or constant, or, when it
 * holds only constants (`Math.max(2.5, 1.9) * 2`), by its value. The
 * counterweight to `wrap` and `insert-statement` when code grows.
 */
import { constantValue } from "../constant-fold.ts";
import { resolvable } from "../free-names.ts";
import { numberNode } from "../print.ts";
import { randomTerminal } from "../random-expression.ts";
import type { ExprSite } from "../sites.ts";
import {
  builderFor,
  excerpt,
  freeSites,
  literalValue,
  nodeCount,
  pickOrNull,
  replaceSite,
} from "./common.ts";
import type { Change, GpOperator, OperatorContext } from "./operator.ts";

/** Folds a constant-only expression (the outermost such) into its value. */
function fold(ctx: OperatorContext, sites: readonly ExprSite[]): Change | null {
  const a = ctx.analysis;
  const foldable = sites.filter(
    (s) => literalValue(s.node) === null && constantValue(s.node) !== null,
  );
  const outermost = foldable.filter(
    (s) =>
      !foldable.some(
        (o) =>
          o !== s && o.node.getStart(a.sf) <= s.node.getStart(a.sf) && s.node.end <= o.node.end,
      ),
  );
  const site = pickOrNull(ctx, outermost);
  const value = site ? constantValue(site.node) : null;
  if (!site || value === null) return null;
  const edit = replaceSite(ctx, site, numberNode(value));
  return edit
    ? { edits: [edit], note: `${excerpt(site.node.getText(a.sf))} -> ${edit.text}` }
    : null;
}

function hoist(ctx: OperatorContext, sites: readonly ExprSite[], site: ExprSite): Change | null {
  const a = ctx.analysis;
  const start = site.node.getStart(a.sf);
  const inner = sites.filter(
    (s) =>
      s !== site &&
      s.node.getStart(a.sf) >= start &&
      s.node.end <= site.node.end &&
      resolvable(s.node, site.scope),
  );
  const pick = pickOrNull(ctx, inner);
  if (!pick) return null;
  const edit = replaceSite(ctx, site, pick.node);
  const note = `${excerpt(site.node.getText(a.sf))} -> ${excerpt(pick.node.getText(a.sf))}`;
  return edit ? { edits: [edit], note } : null;
}

function toTerminal(ctx: OperatorContext, site: ExprSite): Change | null {
  const builder = builderFor(ctx, site.scope);
  for (let tries = 0; tries < 3; tries++) {
    const terminal = randomTerminal(builder);
    if (nodeCount(terminal) >= nodeCount(site.node)) continue;
    const edit = replaceSite(ctx, site, terminal);
    const before = excerpt(site.node.getText(ctx.analysis.sf));
    if (edit) return { edits: [edit], note: `${before} -> ${excerpt(edit.text)}` };
  }
  return null;
}

export const shrink: GpOperator = {
  name: "shrink",
  effect: "shrink",
  apply(ctx) {
    const sites = freeSites(ctx.analysis);
    if (ctx.rng.chance(0.3)) {
      const folded = fold(ctx, sites);
      if (folded) return folded;
    }
    const site = pickOrNull(
      ctx,
      sites.filter((s) => nodeCount(s.node) > 2),
    );
    if (!site) return null;
    return (ctx.rng.chance(0.8) ? hoist(ctx, sites, site) : null) ?? toTerminal(ctx, site);
  },
};
