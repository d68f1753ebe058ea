/** Helpers the operators share: picking sites, replacing expressions, sizes. */
import type TypeScript from "typescript";
import type { Edit } from "../edits.ts";
import { resolvable } from "../free-names.ts";
import { needsParentheses, replacementText } from "../print.ts";
import { type Builder, builderAt } from "../random-expression.ts";
import type { Scope } from "../scope.ts";
import type { Analysis, ExprSite } from "../sites.ts";
import { ts } from "../typescript.ts";
import type { OperatorContext } from "./operator.ts";

type Node = TypeScript.Node;
type Expression = TypeScript.Expression;

const sizes = new WeakMap<Node, number>();

/** The number of nodes in a subtree (tokens included). */
export function nodeCount(node: Node): number {
  const cached = sizes.get(node);
  if (cached !== undefined) return cached;
  let n = 1;
  ts().forEachChild(node, (child) => {
    n += nodeCount(child);
  });
  sizes.set(node, n);
  return n;
}

/** Number-valued sites where any number may go (not array indices or loop headers). */
export function freeSites(a: Analysis): ExprSite[] {
  return a.exprs.filter((s) => !s.integer);
}

export function pickOrNull<T>(ctx: OperatorContext, items: readonly T[]): T | null {
  return items.length === 0 ? null : ctx.rng.pick(items);
}

/**
 * The edit replacing a site's expression, or null when that would make its
 * expression grow past the limit. `sf` is the file `replacement`'s original
 * nodes come from (the program's own unless copied from an inspiration).
 */
export function replaceSite(
  ctx: OperatorContext,
  site: ExprSite,
  replacement: Expression,
  sf: TypeScript.SourceFile = ctx.analysis.sf,
): Edit | null {
  const before = nodeCount(site.root);
  const after = before - nodeCount(site.node) + nodeCount(replacement);
  if (after > ctx.maxExpressionNodes && after > before) return null;
  const node = outermostUnneededParentheses(site.node, replacement);
  const text = replacementText(node, replacement, sf);
  const start = node.getStart(ctx.analysis.sf);
  if (ctx.analysis.text.slice(start, node.end) === text) return null;
  return { start, end: node.end, text };
}

/**
 * The node to replace: `target`, or the parentheses around it when the
 * replacement can stand without them (so `-(a - b)` becomes `-a`, not `-(a)`).
 */
function outermostUnneededParentheses(target: Expression, replacement: Expression): Expression {
  const t = ts();
  let node = target;
  while (t.isParenthesizedExpression(node.parent) && !needsParentheses(node.parent, replacement)) {
    node = node.parent;
  }
  return node;
}

/** A short, single-line excerpt of code for notes. */
export function excerpt(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/** The value of a literal unit (`3`, `-0.5`), or null when `node` is not one. */
export function literalValue(node: Node): number | null {
  const t = ts();
  if (t.isNumericLiteral(node)) {
    const v = Number(node.text);
    return Number.isFinite(v) ? v : null;
  }
  if (
    t.isPrefixUnaryExpression(node) &&
    node.operator === t.SyntaxKind.MinusToken &&
    t.isNumericLiteral(node.operand)
  ) {
    const v = literalValue(node.operand);
    return v === null ? null : -v;
  }
  return null;
}

/** Whether a site is a literal unit: a number, or a minus sign and a number (not the number alone). */
export function isLiteralUnit(site: ExprSite): boolean {
  const t = ts();
  const { node } = site;
  if (literalValue(node) === null) return false;
  const parent = node.parent;
  return !(
    t.isNumericLiteral(node) &&
    parent &&
    t.isPrefixUnaryExpression(parent) &&
    parent.operator === t.SyntaxKind.MinusToken
  );
}

/** The constants in the program's blocks, to reuse when building expressions. */
export function constantPool(a: Analysis): number[] {
  const pool = new Set<number>();
  for (const s of a.exprs) {
    const v = isLiteralUnit(s) ? literalValue(s.node) : null;
    if (v !== null) pool.add(v);
  }
  return [...pool];
}

/** Every node inside a block that passes `test`. */
export function nodesInBlocks<T extends Node>(a: Analysis, test: (n: Node) => n is T): T[] {
  const t = ts();
  const out: T[] = [];
  const inside = (n: Node) => a.blocks.some((b) => b.start <= n.getStart(a.sf) && n.end <= b.end);
  const overlaps = (n: Node) => a.blocks.some((b) => n.pos < b.end && b.start < n.end);
  const visit = (n: Node): void => {
    if (!overlaps(n)) return;
    if (test(n) && inside(n)) out.push(n);
    t.forEachChild(n, visit);
  };
  visit(a.sf);
  return out;
}

/** A builder of random expressions for `scope`, reusing the program's constants and small parts. */
export function builderFor(ctx: OperatorContext, scope: Scope): Builder {
  const a = ctx.analysis;
  const seen = new Set<string>();
  const parts: Expression[] = [];
  for (const s of freeSites(a)) {
    const size = nodeCount(s.node);
    if (size < 3 || size > 12 || !resolvable(s.node, scope)) continue;
    const text = s.node.getText(a.sf);
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(s.node);
  }
  return builderAt(scope, ctx.rng, constantPool(a), parts);
}
