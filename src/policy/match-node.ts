/**
 * The rules, applied to one syntax node at a time. Each hit names its rule and
 * the node to point at (whose line decides whether the hit lies in an
 * EVOLVE-BLOCK, and so whether it is the candidate's own code).
 */
import type TypeScript from "typescript";
import { type Bound, isGlobalReference } from "./parse.ts";
import {
  CLOCK_GLOBALS,
  CLOCKS,
  DANGEROUS_MODULES,
  DEFINE_CALLS,
  FLAGGED_GLOBALS,
  GLOBAL_OBJECTS,
  LEGACY_ACCESSORS,
  type PolicyRuleId,
  STACK_HOOKS,
  TIMERS,
} from "./rules.ts";

export interface Hit {
  rule: PolicyRuleId;
  node: TypeScript.Node;
}

type Ts = typeof TypeScript;

export function matchNode(bound: Bound, node: TypeScript.Node): Hit[] {
  const { ts } = bound;
  const hits: Hit[] = [];
  const hit = (rule: PolicyRuleId, at: TypeScript.Node = node) => hits.push({ rule, node: at });

  if (ts.isIdentifier(node) && isGlobalReference(bound, node)) {
    const name = node.text;
    const rule = FLAGGED_GLOBALS[name];
    if (rule) hit(rule);
    if (GLOBAL_OBJECTS.has(name) && !isMemberObject(ts, node)) hit("computed-global");
  }
  const member = memberName(ts, node);
  if (member !== null) matchMember(bound, node as Member, member, hit);
  if (
    ts.isElementAccessExpression(node) &&
    member === null &&
    isGlobalObject(bound, node.expression)
  )
    hit("computed-global");
  if (ts.isCallExpression(node)) matchCall(bound, node, hit);
  if (ts.isBinaryExpression(node) && isAssignment(ts, node.operatorToken.kind))
    for (const target of assignmentTargets(ts, node.left)) matchTarget(bound, target, hit);
  if (
    (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
    (node.operator === ts.SyntaxKind.PlusPlusToken ||
      node.operator === ts.SyntaxKind.MinusMinusToken)
  )
    matchTarget(bound, node.operand, hit);
  if (ts.isDeleteExpression(node)) matchTarget(bound, node.expression, hit);
  if (
    (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
    node.moduleSpecifier &&
    ts.isStringLiteral(node.moduleSpecifier) &&
    isDangerousModule(node.moduleSpecifier.text)
  )
    hit("node-module");
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    hit("require");
    const spec = node.moduleReference.expression;
    if (ts.isStringLiteral(spec) && isDangerousModule(spec.text)) hit("node-module");
  }
  if (ts.isPropertyAssignment(node) && propertyNameText(ts, node.name) === "__proto__")
    hit("proto", node.name);
  return hits;
}

type Member = TypeScript.PropertyAccessExpression | TypeScript.ElementAccessExpression;

/** `x.name` or `x["name"]`: the name; null for anything else. */
function memberName(ts: Ts, node: TypeScript.Node): string | null {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
    return node.argumentExpression.text;
  return null;
}

function matchMember(bound: Bound, node: Member, name: string, hit: (r: PolicyRuleId) => void) {
  const { ts } = bound;
  if (name === "constructor") hit("constructor-access");
  if (name === "__proto__") hit("proto");
  if (name === "callee" || name === "caller") hit("callee");
  if (STACK_HOOKS.has(name)) hit("stack-inspection");
  if (LEGACY_ACCESSORS.has(name)) hit("define-property");
  if (name === "stack" && isErrorValue(bound, node.expression)) hit("stack-inspection");
  if (isGlobalObject(bound, node.expression)) {
    const rule = FLAGGED_GLOBALS[name];
    if (rule) hit(rule);
  }
  const objectName = globalName(bound, node.expression);
  if (objectName === "Object" || objectName === "Reflect") {
    const rule = DEFINE_CALLS[name];
    if (rule && ts.isCallExpression(node.parent) && node.parent.expression === node) hit(rule);
  }
}

function matchCall(bound: Bound, node: TypeScript.CallExpression, hit: (r: PolicyRuleId) => void) {
  const { ts } = bound;
  const first = node.arguments[0];
  const literal = first && ts.isStringLiteralLike(first) ? first.text : null;
  if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    hit("dynamic-import");
    if (literal !== null && isDangerousModule(literal)) hit("node-module");
    return;
  }
  const callee = globalName(bound, node.expression);
  if (callee === "require" && literal !== null && isDangerousModule(literal)) hit("node-module");
  if ((callee === "setTimeout" || callee === "setInterval") && first && isStringish(ts, first))
    hit("eval");
  const target = first ? chainOf(bound, first) : null;
  if (
    callee === null &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === "assign" &&
    globalName(bound, node.expression.expression) === "Object" &&
    target !== null
  )
    hit(target.path.some(isProtoName) ? "prototype-patch" : "global-patch");
}

/** Judges an assignment (or ++, --, delete) target. */
function matchTarget(bound: Bound, target: TypeScript.Node, hit: (r: PolicyRuleId) => void) {
  const chain = chainOf(bound, target);
  if (chain === null) return;
  const [first] = chain.path;
  if (chain.path.some(isProtoName)) hit("prototype-patch");
  else if (first === undefined && TIMERS.has(chain.root)) hit("timer-patch");
  else if (first === undefined && CLOCK_GLOBALS.has(chain.root)) hit("clock-patch");
  else if (first !== undefined && CLOCKS.has(`${chain.root}.${first}`)) hit("clock-patch");
  else hit("global-patch");
}

/**
 * `Root.a.b` where Root is a global (through `globalThis.` too): the root's
 * name and the property names after it ("*" for a computed one). Null when the
 * expression does not start at a global.
 */
function chainOf(bound: Bound, node: TypeScript.Node): { root: string; path: string[] } | null {
  const { ts } = bound;
  const path: string[] = [];
  let current = skipParens(ts, node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    path.unshift(memberName(ts, current) ?? "*");
    current = skipParens(ts, current.expression);
  }
  if (!ts.isIdentifier(current) || !isGlobalReference(bound, current)) return null;
  let root = current.text;
  while (GLOBAL_OBJECTS.has(root) && path.length > 0) root = path.shift() as string;
  return { root, path };
}

/** The name of a global the expression reads (`Object`, `globalThis.Object`), or null. */
function globalName(bound: Bound, node: TypeScript.Expression): string | null {
  const chain = chainOf(bound, node);
  return chain && chain.path.length === 0 ? chain.root : null;
}

function isGlobalObject(bound: Bound, node: TypeScript.Expression): boolean {
  const name = globalName(bound, node);
  return name !== null && GLOBAL_OBJECTS.has(name);
}

/** The global object as the object of `.x` or `[x]`: judged there, not as a loose value. */
function isMemberObject(ts: Ts, id: TypeScript.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === id
  );
}

/** `new Error()`, `Error()`, `new TypeError(...)`, or a catch clause's variable. */
function isErrorValue(bound: Bound, node: TypeScript.Expression): boolean {
  const { ts, checker } = bound;
  const inner = skipParens(ts, node);
  if (
    (ts.isNewExpression(inner) || ts.isCallExpression(inner)) &&
    ts.isIdentifier(inner.expression)
  )
    return /Error$/.test(inner.expression.text);
  if (!ts.isIdentifier(inner)) return false;
  const symbol = checker.getSymbolAtLocation(inner);
  return (symbol?.declarations ?? []).some(
    (d) => ts.isVariableDeclaration(d) && ts.isCatchClause(d.parent),
  );
}

function assignmentTargets(ts: Ts, left: TypeScript.Node): TypeScript.Node[] {
  const inner = skipParens(ts, left);
  if (ts.isArrayLiteralExpression(inner))
    return inner.elements.flatMap((e) =>
      assignmentTargets(ts, ts.isSpreadElement(e) ? e.expression : e),
    );
  if (ts.isObjectLiteralExpression(inner))
    return inner.properties.flatMap((p) => {
      if (ts.isPropertyAssignment(p)) return assignmentTargets(ts, p.initializer);
      if (ts.isShorthandPropertyAssignment(p)) return [p.name];
      if (ts.isSpreadAssignment(p)) return assignmentTargets(ts, p.expression);
      return [];
    });
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    return assignmentTargets(ts, inner.left);
  return [inner];
}

function skipParens(ts: Ts, node: TypeScript.Node): TypeScript.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isSatisfiesExpression(current)
  )
    current = current.expression;
  return current;
}

function isAssignment(ts: Ts, kind: TypeScript.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isStringish(ts: Ts, node: TypeScript.Expression): boolean {
  return (
    ts.isStringLiteralLike(node) ||
    ts.isTemplateExpression(node) ||
    (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

function propertyNameText(ts: Ts, name: TypeScript.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return null;
}

const isProtoName = (name: string) => name === "prototype" || name === "__proto__";

export function isDangerousModule(specifier: string): boolean {
  return DANGEROUS_MODULES.has(specifier.replace(/^node:/, ""));
}
