/**
 * One pass over a program: where its EVOLVE-BLOCKs are, and every place inside
 * them that gp may change (number-valued expressions, statement lists, arrow
 * functions with expression bodies), each with the names in scope there.
 * Nodes outside the blocks are walked for their declarations only.
 */
import type TypeScript from "typescript";
import { parseBlocks } from "../../../problem/markers.ts";
import { parameterBindings, variableBindings } from "./declarations.ts";
import { walkList } from "./list-walk.ts";
import { EMPTY_SCOPE, extendScope, type Scope } from "./scope.ts";
import {
  type Analysis,
  type BlockRange,
  blockOfNode,
  type Language,
  type WalkState,
} from "./sites.ts";
import { ts } from "./typescript.ts";
import { kindOf } from "./value-kind.ts";

type Node = TypeScript.Node;
type Expression = TypeScript.Expression;

export function analyze(text: string, language: Language): Analysis {
  const t = ts();
  const kind = language === "javascript" ? t.ScriptKind.JS : t.ScriptKind.TS;
  const fileName = language === "javascript" ? "program.js" : "program.ts";
  const sf = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, true, kind);
  const a: Analysis = {
    text,
    sf,
    language,
    blocks: blockRanges(text),
    exprs: [],
    lists: [],
    arrows: [],
    numericFunctions: new Set(),
    identifiers: new Map(),
  };
  const state: WalkState = {
    scope: EMPTY_SCOPE,
    fn: null,
    inLoop: false,
    integer: false,
    root: null,
  };
  walkList(a, sf, sf.statements, state, walk);
  countIdentifiers(sf, a.identifiers);
  return a;
}

function walk(a: Analysis, node: Node, state: WalkState): void {
  const t = ts();
  if (t.isTypeNode(node) || t.isImportDeclaration(node) || t.isExportDeclaration(node)) return;
  if (t.isInterfaceDeclaration(node) || t.isTypeAliasDeclaration(node) || t.isDecorator(node)) {
    return;
  }
  let s = state;
  if (t.isExpression(node)) s = recordExpression(a, node, state);
  if (t.isBlock(node) || t.isModuleBlock(node) || t.isCaseClause(node) || t.isDefaultClause(node)) {
    walkList(a, node, node.statements, s, walk);
  } else if (t.isFunctionLike(node) && "body" in node && node.body) {
    walkFunction(a, node, s);
  } else if (t.isForStatement(node)) {
    walkFor(a, node, s);
  } else if (t.isForOfStatement(node) || t.isForInStatement(node)) {
    walk(a, node.expression, s);
    walk(a, node.statement, { ...s, scope: loopScope(node, s.scope), inLoop: true });
  } else if (t.isWhileStatement(node) || t.isDoStatement(node)) {
    walk(a, node.expression, s);
    walk(a, node.statement, { ...s, inLoop: true });
  } else if (t.isCatchClause(node)) {
    const name = node.variableDeclaration?.name;
    const scope =
      name && t.isIdentifier(name) ? extendScope(s.scope, [[name.text, "other"]]) : s.scope;
    walk(a, node.block, { ...s, scope });
  } else if (t.isElementAccessExpression(node)) {
    walk(a, node.expression, s);
    walk(a, node.argumentExpression, { ...s, integer: true });
  } else {
    t.forEachChild(node, (child) => walk(a, child, s));
  }
}

function walkFunction(a: Analysis, fn: TypeScript.SignatureDeclaration, state: WalkState): void {
  const t = ts();
  for (const p of fn.parameters) if (p.initializer) walk(a, p.initializer, state);
  const scope = extendScope(state.scope, parameterBindings(fn, state.scope));
  const inner: WalkState = { scope, fn, inLoop: false, integer: false, root: null };
  const body = (fn as { body?: Node }).body;
  if (!body) return;
  if (t.isArrowFunction(fn) && !t.isBlock(fn.body)) {
    const block = blockOfNode(a, fn.body);
    if (block >= 0) a.arrows.push({ arrow: fn, body: fn.body, scope, block });
    if (kindOf(fn.body, scope) === "number") a.numericFunctions.add(fn);
  }
  walk(a, body, inner);
}

function walkFor(a: Analysis, node: TypeScript.ForStatement, state: WalkState): void {
  const t = ts();
  const init = node.initializer;
  let scope = state.scope;
  if (init) walk(a, init, { ...state, integer: true });
  if (init && t.isVariableDeclarationList(init)) {
    scope = extendScope(scope, variableBindings(init, scope));
  }
  if (node.condition) walk(a, node.condition, { ...state, scope, integer: true });
  // The incrementor is left alone: changing `i++` or `i += 1` risks a loop that never ends.
  walk(a, node.statement, { ...state, scope, inLoop: true });
}

function loopScope(
  node: TypeScript.ForOfStatement | TypeScript.ForInStatement,
  scope: Scope,
): Scope {
  const t = ts();
  const init = node.initializer;
  if (!t.isVariableDeclarationList(init)) return scope;
  if (t.isForInStatement(node))
    return extendScope(
      scope,
      variableBindings(init, scope).map(([n]) => [n, "other"]),
    );
  const element = kindOf(node.expression, scope) === "numbers" ? "number" : "other";
  return extendScope(
    scope,
    variableBindings(init, scope).map(([n, k]) => [n, k === "number" ? k : element]),
  );
}

/** Records `node` if it is a number in a replaceable position; returns the state for its children. */
function recordExpression(a: Analysis, node: Expression, state: WalkState): WalkState {
  const t = ts();
  const parent = node.parent;
  const continues = state.root !== null && t.isExpression(parent) && !t.isFunctionLike(parent);
  const root = continues && state.root ? state.root : node;
  if (isReplaceable(node) && kindOf(node, state.scope) === "number") {
    const block = blockOfNode(a, node);
    if (block >= 0) a.exprs.push({ node, scope: state.scope, block, integer: state.integer, root });
  }
  if (t.isReturnStatement(parent) && state.fn && kindOf(node, state.scope) === "number") {
    a.numericFunctions.add(state.fn);
  }
  return root === state.root ? state : { ...state, root };
}

/** Whether another expression may take `node`'s place without changing what the code does around it. */
function isReplaceable(node: Expression): boolean {
  const t = ts();
  const S = t.SyntaxKind;
  const parent = node.parent;
  if (t.isParenthesizedExpression(node) || t.isOmittedExpression(node)) return false;
  if (node.kind === S.ThisKeyword || node.kind === S.SuperKeyword) return false;
  if ((parent as { name?: Node }).name === node) return false;
  if ((t.isCallExpression(parent) || t.isNewExpression(parent)) && parent.expression === node) {
    return false;
  }
  if (t.isExpressionStatement(parent) || t.isDeleteExpression(parent)) return false;
  if (t.isPrefixUnaryExpression(node) || t.isPostfixUnaryExpression(node)) {
    if (node.operator === S.PlusPlusToken || node.operator === S.MinusMinusToken) return false;
  }
  if (t.isPrefixUnaryExpression(parent) || t.isPostfixUnaryExpression(parent)) {
    if (parent.operator === S.PlusPlusToken || parent.operator === S.MinusMinusToken) return false;
  }
  if (t.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) return false;
  if (t.isBinaryExpression(parent) && isAssignment(parent.operatorToken.kind)) {
    return parent.left !== node;
  }
  return true;
}

export function isAssignment(kind: TypeScript.SyntaxKind): boolean {
  const S = ts().SyntaxKind;
  return kind >= S.FirstAssignment && kind <= S.LastAssignment;
}

function countIdentifiers(node: Node, out: Map<string, number>): void {
  const t = ts();
  const visit = (n: Node): void => {
    if (t.isIdentifier(n)) out.set(n.text, (out.get(n.text) ?? 0) + 1);
    t.forEachChild(n, visit);
  };
  visit(node);
}

/** Offsets of each block's interior, from the markers' line numbers. */
function blockRanges(text: string): BlockRange[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return parseBlocks(text).map((block) => {
    const start = lineStarts[block.firstLine - 1] ?? text.length;
    return { start, end: start + block.text.length };
  });
}
