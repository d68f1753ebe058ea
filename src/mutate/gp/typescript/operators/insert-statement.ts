/**
 * Adding a statement before one inside a block. `insert-statement` adds
 * `const t = <expr>;` used at once by a later expression (`e` -> `e op t` or
 * `t`); `insert-guard` adds `if (<test>) return <value>;` in a function
 * returning numbers or `if (<test>) continue;` in a loop (see guard.ts). An
 * arrow with an expression body gets a block body to hold the new statement.
 */
import type TypeScript from "typescript";
import { applyEdits, type Edit, indentAt } from "../edits.ts";
import { resolvable } from "../free-names.ts";
import { printNode } from "../print.ts";
import { randomExpression } from "../random-expression.ts";
import { lookup, type Scope } from "../scope.ts";
import type { Analysis, ArrowSite, ListSite } from "../sites.ts";
import { ts } from "../typescript.ts";
import { builderFor, excerpt, freeSites, replaceSite } from "./common.ts";
import { type GuardOptions, guardStatement } from "./guard.ts";
import type { Change, GpOperator, OperatorContext } from "./operator.ts";
import { statementSites } from "./statements.ts";

type Expression = TypeScript.Expression;
type Kind = "const" | "guard";

/** A name not used anywhere in the program: t, t1, t2, ... */
function freshName(a: Analysis, scope: Scope): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? "t" : `t${i}`;
    if (!a.identifiers.has(name) && lookup(scope, name) === undefined) return name;
  }
}

/** An edit making some number expression in [from, to) use `name`, or null. */
function useName(ctx: OperatorContext, name: string, from: number, to: number): Edit | null {
  const a = ctx.analysis;
  const sites = freeSites(a).filter((s) => s.node.getStart(a.sf) >= from && s.node.end <= to);
  if (sites.length === 0) return null;
  const site = ctx.rng.pick(sites);
  const f = ts().factory;
  const S = ts().SyntaxKind;
  const id = f.createIdentifier(name);
  const op = ctx.rng.pick([S.PlusToken, S.MinusToken, S.AsteriskToken, S.AsteriskToken] as const);
  const use = ctx.rng.chance(0.3) ? id : f.createBinaryExpression(site.node, op, id);
  return replaceSite(ctx, site, use);
}

/** The new statement's text for a scope, or null (with the use edit for a declaration). */
function newStatement(
  ctx: OperatorContext,
  kind: Kind,
  scope: Scope,
  guards: GuardOptions,
  useRange: [number, number],
): { text: string; use: Edit | null } | null {
  const a = ctx.analysis;
  const b = builderFor(ctx, scope);
  const print = (n: TypeScript.Node) => printNode(n, a.sf);
  if (kind === "guard") {
    const text = guardStatement(b, guards, print);
    return text ? { text, use: null } : null;
  }
  const name = freshName(a, scope);
  const use = useName(ctx, name, useRange[0], useRange[1]);
  if (!use) return null;
  const value = print(randomExpression(b, ctx.rng.pick([0, 1, 1, 2])));
  return { text: `const ${name} = ${value};`, use };
}

/** The expression a function returns at its end, when it returns numbers. */
function resultOf(a: Analysis, fn: TypeScript.SignatureDeclaration | null): Expression | null {
  const t = ts();
  if (!fn || !a.numericFunctions.has(fn)) return null;
  const body = (fn as { body?: TypeScript.Node }).body;
  if (!body) return null;
  if (!t.isBlock(body)) return t.isExpression(body) ? body : null;
  const last = body.statements.at(-1);
  return last && t.isReturnStatement(last) && last.expression ? last.expression : null;
}

/** Before a statement's own leading comments (those inside its block), so they stay with it. */
function insertionPoint(a: Analysis, statement: TypeScript.Statement, block: number): number {
  const from = a.blocks[block]?.start ?? 0;
  const comments = ts().getLeadingCommentRanges(a.text, statement.pos) ?? [];
  return comments.find((c) => c.pos >= from)?.pos ?? statement.getStart(a.sf);
}

function intoList(ctx: OperatorContext, kind: Kind, list: ListSite, index: number): Change | null {
  const a = ctx.analysis;
  const statement = list.statements[index];
  const scope = list.scopes[index];
  if (!statement || !scope) return null;
  const returns = list.fn !== null && a.numericFunctions.has(list.fn);
  const at = insertionPoint(a, statement, list.blocks[index] ?? -1);
  const found = resultOf(a, list.fn);
  const result = found && resolvable(found, scope) ? found : null;
  const made = newStatement(ctx, kind, scope, { returns, result, loop: list.inLoop }, [
    at,
    list.statements.at(-1)?.end ?? at,
  ]);
  if (!made) return null;
  const insert: Edit = { start: at, end: at, text: `${made.text}\n${indentAt(a.text, at)}` };
  return { edits: made.use ? [insert, made.use] : [insert], note: excerpt(made.text) };
}

function intoArrow(ctx: OperatorContext, kind: Kind, site: ArrowSite): Change | null {
  const a = ctx.analysis;
  const start = site.body.getStart(a.sf);
  const returns = a.numericFunctions.has(site.arrow);
  const result = returns ? site.body : null;
  const made = newStatement(ctx, kind, site.scope, { returns, result, loop: false }, [
    start,
    site.body.end,
  ]);
  if (!made) return null;
  const shifted = made.use
    ? [{ ...made.use, start: made.use.start - start, end: made.use.end - start }]
    : [];
  const body = applyEdits(a.text.slice(start, site.body.end), shifted);
  const indent = indentAt(a.text, site.arrow.getStart(a.sf));
  const inner = `${indent}  `;
  const text = `{\n${inner}${made.text}\n${inner}return ${body};\n${indent}}`;
  return { edits: [{ start, end: site.body.end, text }], note: excerpt(made.text) };
}

function inserter(name: string, kind: Kind): GpOperator {
  return {
    name,
    effect: "grow",
    apply(ctx) {
      const a = ctx.analysis;
      const returnsNumber = (fn: TypeScript.Node | null) =>
        fn !== null && a.numericFunctions.has(fn);
      const fits = (list: ListSite) => kind === "const" || list.inLoop || returnsNumber(list.fn);
      const sites = statementSites(a.lists).filter((s) => fits(s.list));
      const arrows = a.arrows.filter((s) => kind === "const" || returnsNumber(s.arrow));
      const k = ctx.rng.int(sites.length + arrows.length);
      const site = sites[k];
      if (site) return intoList(ctx, kind, site.list, site.index);
      const arrow = arrows[k - sites.length];
      return arrow ? intoArrow(ctx, kind, arrow) : null;
    },
  };
}

export const insertStatement = inserter("insert-statement", "const");
export const insertGuard = inserter("insert-guard", "guard");
