/**
 * Which expressions hold numbers. gp builds and replaces expressions only where
 * a number is expected, from names that hold numbers, so most of its candidates
 * run; the inference is deliberately simple (annotations, literals, arithmetic,
 * array callbacks, usage) and a wrong guess only costs a failed evaluation.
 */
import type TypeScript from "typescript";
import { lookup, type Scope, type ValueKind } from "./scope.ts";
import { ts } from "./typescript.ts";

type Node = TypeScript.Node;
type Expression = TypeScript.Expression;

const MATH_CONSTANTS = new Set(["PI", "E", "LN2", "LN10", "LOG2E", "LOG10E", "SQRT1_2", "SQRT2"]);
const NUMBER_CONSTANTS = new Set([
  "EPSILON",
  "MAX_VALUE",
  "MIN_VALUE",
  "MAX_SAFE_INTEGER",
  "MIN_SAFE_INTEGER",
  "POSITIVE_INFINITY",
  "NEGATIVE_INFINITY",
]);
const TYPED_ARRAYS = new Set([
  "Float64Array",
  "Float32Array",
  "Int8Array",
  "Int16Array",
  "Int32Array",
  "Uint8Array",
  "Uint16Array",
  "Uint32Array",
  "Uint8ClampedArray",
]);
const NUMBER_FUNCTIONS = new Set(["Number", "parseFloat", "parseInt"]);
/** Methods of a number array that return a number. */
const TO_NUMBER = new Set(["indexOf", "lastIndexOf", "findIndex", "findLastIndex", "at", "find"]);
/** Methods of a number array that return a number array (map assumed to map numbers to numbers). */
const TO_NUMBERS = new Set([
  "map",
  "filter",
  "slice",
  "sort",
  "toSorted",
  "reverse",
  "toReversed",
  "concat",
  "fill",
  "with",
  "subarray",
]);

/**
 * Memo: a node is always classified in the scope of its own position, so its
 * kind never changes (nodes are fresh objects for every parse).
 */
const kinds = new WeakMap<Node, ValueKind>();

export function kindOf(node: Expression, scope: Scope): ValueKind {
  let kind = kinds.get(node);
  if (kind === undefined) {
    kind = classify(node, scope);
    kinds.set(node, kind);
  }
  return kind;
}

function classify(node: Expression, scope: Scope): ValueKind {
  const t = ts();
  const k = node.kind;
  const S = t.SyntaxKind;
  if (k === S.NumericLiteral) return "number";
  if (t.isIdentifier(node)) {
    if (node.text === "NaN" || node.text === "Infinity") return "number";
    return lookup(scope, node.text) ?? "other";
  }
  if (t.isParenthesizedExpression(node) || t.isNonNullExpression(node)) {
    return kindOf(node.expression, scope);
  }
  if (
    t.isAsExpression(node) ||
    t.isSatisfiesExpression(node) ||
    t.isTypeAssertionExpression(node)
  ) {
    return typeKind(node.type) ?? kindOf(node.expression, scope);
  }
  if (t.isPrefixUnaryExpression(node)) {
    return node.operator === S.ExclamationToken ? "other" : "number";
  }
  if (t.isPostfixUnaryExpression(node)) return "number";
  if (t.isBinaryExpression(node)) return binaryKind(node, scope);
  if (t.isConditionalExpression(node)) {
    const a = kindOf(node.whenTrue, scope);
    return a === kindOf(node.whenFalse, scope) ? a : "other";
  }
  if (t.isCallExpression(node)) return callKind(node, scope);
  if (t.isPropertyAccessExpression(node)) {
    const name = node.name.text;
    if (name === "length") return "number";
    if (t.isIdentifier(node.expression)) {
      const owner = node.expression.text;
      if (owner === "Math" && MATH_CONSTANTS.has(name)) return "number";
      if (owner === "Number" && NUMBER_CONSTANTS.has(name)) return "number";
    }
    return "other";
  }
  if (t.isElementAccessExpression(node)) {
    return kindOf(node.expression, scope) === "numbers" ? "number" : "other";
  }
  if (t.isArrayLiteralExpression(node)) {
    const all = node.elements.every((e) =>
      t.isSpreadElement(e)
        ? kindOf(e.expression, scope) === "numbers"
        : kindOf(e, scope) === "number",
    );
    return all && node.elements.length > 0 ? "numbers" : "other";
  }
  if (t.isNewExpression(node) && t.isIdentifier(node.expression)) {
    if (TYPED_ARRAYS.has(node.expression.text)) return "numbers";
    const arg = node.typeArguments?.[0];
    if (node.expression.text === "Array" && arg && typeKind(arg) === "number") return "numbers";
  }
  return "other";
}

function binaryKind(node: TypeScript.BinaryExpression, scope: Scope): ValueKind {
  const S = ts().SyntaxKind;
  const op = node.operatorToken.kind;
  switch (op) {
    case S.MinusToken:
    case S.AsteriskToken:
    case S.SlashToken:
    case S.PercentToken:
    case S.AsteriskAsteriskToken:
    case S.AmpersandToken:
    case S.BarToken:
    case S.CaretToken:
    case S.LessThanLessThanToken:
    case S.GreaterThanGreaterThanToken:
    case S.GreaterThanGreaterThanGreaterThanToken:
    case S.MinusEqualsToken:
    case S.AsteriskEqualsToken:
    case S.SlashEqualsToken:
      return "number";
    case S.PlusToken:
    case S.PlusEqualsToken:
    case S.AmpersandAmpersandToken:
    case S.BarBarToken:
    case S.QuestionQuestionToken:
      return kindOf(node.left, scope) === "number" && kindOf(node.right, scope) === "number"
        ? "number"
        : "other";
    case S.EqualsToken:
    case S.CommaToken:
      return kindOf(node.right, scope);
    default:
      return "other";
  }
}

function callKind(node: TypeScript.CallExpression, scope: Scope): ValueKind {
  const t = ts();
  const callee = node.expression;
  if (t.isIdentifier(callee)) return NUMBER_FUNCTIONS.has(callee.text) ? "number" : "other";
  if (!t.isPropertyAccessExpression(callee)) return "other";
  const method = callee.name.text;
  const receiver = callee.expression;
  if (t.isIdentifier(receiver) && receiver.text === "Math") return "number";
  if (t.isIdentifier(receiver) && receiver.text === "Number") return "number";
  if (kindOf(receiver, scope) !== "numbers") return "other";
  if (TO_NUMBER.has(method)) return "number";
  if (TO_NUMBERS.has(method)) return "numbers";
  if (method === "reduce" || method === "reduceRight") {
    const init = node.arguments[1];
    return init ? kindOf(init, scope) : "number";
  }
  return "other";
}

/** The kind a type annotation declares, or undefined without one. */
export function typeKind(type: TypeScript.TypeNode | undefined): ValueKind | undefined {
  if (!type) return undefined;
  const t = ts();
  if (type.kind === t.SyntaxKind.NumberKeyword) return "number";
  if (t.isLiteralTypeNode(type)) {
    return t.isNumericLiteral(type.literal) || t.isPrefixUnaryExpression(type.literal)
      ? "number"
      : "other";
  }
  if (t.isParenthesizedTypeNode(type)) return typeKind(type.type);
  if (t.isUnionTypeNode(type)) {
    const kinds = new Set(type.types.map(typeKind));
    return kinds.size === 1 && kinds.has("number") ? "number" : "other";
  }
  if (t.isTypeOperatorNode(type)) return typeKind(type.type);
  if (t.isArrayTypeNode(type)) return typeKind(type.elementType) === "number" ? "numbers" : "other";
  if (t.isTypeReferenceNode(type) && t.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    if (TYPED_ARRAYS.has(name)) return "numbers";
    const arg = type.typeArguments?.[0];
    if ((name === "Array" || name === "ReadonlyArray") && arg && typeKind(arg) === "number") {
      return "numbers";
    }
  }
  return "other";
}

/** Whether `name` is an operand of arithmetic, a comparison or a Math call somewhere in `body`. */
export function usedAsNumber(name: string, body: Node | undefined): boolean {
  if (!body) return false;
  const t = ts();
  const S = t.SyntaxKind;
  const isName = (e: Node): boolean => t.isIdentifier(e) && e.text === name;
  const visit = (node: Node): boolean => {
    if (t.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      const arithmetic =
        op === S.MinusToken ||
        op === S.AsteriskToken ||
        op === S.SlashToken ||
        op === S.PercentToken ||
        op === S.AsteriskAsteriskToken ||
        op === S.LessThanToken ||
        op === S.LessThanEqualsToken ||
        op === S.GreaterThanToken ||
        op === S.GreaterThanEqualsToken;
      if (arithmetic && (isName(node.left) || isName(node.right))) return true;
    }
    if (t.isPrefixUnaryExpression(node) && node.operator === S.MinusToken && isName(node.operand)) {
      return true;
    }
    if (
      t.isCallExpression(node) &&
      t.isPropertyAccessExpression(node.expression) &&
      t.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === "Math" &&
      node.arguments.some(isName)
    ) {
      return true;
    }
    return t.forEachChild(node, visit) ?? false;
  };
  return visit(body);
}
