/**
 * The names a declaration brings into scope and what they hold: function
 * parameters (annotations, JSDoc, defaults, array-callback positions, usage),
 * variables (annotation or initializer) and loop variables.
 */
import type TypeScript from "typescript";
import type { Scope, ValueKind } from "./scope.ts";
import { ts } from "./typescript.ts";
import { kindOf, typeKind, usedAsNumber } from "./value-kind.ts";

export type Binding = readonly [string, ValueKind];

/** Parameter positions of callbacks of number-array methods: element, index, array. */
const ELEMENT_CALLBACKS = new Set([
  "map",
  "forEach",
  "filter",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "flatMap",
]);

export function parameterBindings(fn: TypeScript.SignatureDeclaration, outer: Scope): Binding[] {
  const t = ts();
  const out: Binding[] = [];
  if (t.isFunctionExpression(fn) && fn.name) out.push([fn.name.text, "other"]);
  fn.parameters.forEach((param, index) => {
    if (!t.isIdentifier(param.name)) {
      for (const name of boundNames(param.name)) out.push([name, "other"]);
      return;
    }
    const name = param.name.text;
    const body = "body" in fn ? (fn.body as TypeScript.Node | undefined) : undefined;
    const kind =
      typeKind(param.type) ??
      typeKind(t.getJSDocType(param)) ??
      (param.initializer && kindOf(param.initializer, outer) === "number" ? "number" : undefined) ??
      callbackKind(fn, index, outer) ??
      (usedAsNumber(name, body) ? "number" : "other");
    out.push([name, kind]);
  });
  return out;
}

/** The kind of parameter `index` of `fn` when it is a callback of a number-array method. */
function callbackKind(
  fn: TypeScript.SignatureDeclaration,
  index: number,
  outer: Scope,
): ValueKind | undefined {
  const t = ts();
  const call = fn.parent;
  if (!call || !t.isCallExpression(call) || !t.isPropertyAccessExpression(call.expression)) {
    return undefined;
  }
  const position = call.arguments.indexOf(fn as unknown as TypeScript.Expression);
  const method = call.expression.name.text;
  const receiver = call.expression.expression;
  if (t.isIdentifier(receiver) && receiver.text === "Array" && method === "from") {
    return position === 1 && index === 1 ? "number" : undefined;
  }
  if (position !== 0 || kindOf(receiver, outer) !== "numbers") return undefined;
  if (ELEMENT_CALLBACKS.has(method)) return (["number", "number", "numbers"] as const)[index];
  if (method === "sort" || method === "toSorted") return index < 2 ? "number" : undefined;
  if (method === "reduce" || method === "reduceRight") {
    const init = call.arguments[1];
    if (index === 0) return init ? kindOf(init, outer) : "number";
    return (["number", "number", "number", "numbers"] as const)[index];
  }
  return undefined;
}

/** The variables a `const`/`let`/`var` list declares. */
export function variableBindings(
  list: TypeScript.VariableDeclarationList,
  outer: Scope,
): Binding[] {
  const t = ts();
  const out: Binding[] = [];
  for (const decl of list.declarations) {
    if (!t.isIdentifier(decl.name)) {
      for (const name of boundNames(decl.name)) out.push([name, "other"]);
      continue;
    }
    const annotated = typeKind(decl.type) ?? typeKind(t.getJSDocType(decl));
    const kind = annotated ?? (decl.initializer ? kindOf(decl.initializer, outer) : "other");
    out.push([decl.name.text, kind]);
  }
  return out;
}

/** The loop variable of `for (const x of xs)`: a number when `xs` holds numbers. */
export function forOfBindings(node: TypeScript.ForOfStatement, outer: Scope): Binding[] {
  const t = ts();
  const init = node.initializer;
  if (!t.isVariableDeclarationList(init)) return [];
  const element: ValueKind = kindOf(node.expression, outer) === "numbers" ? "number" : "other";
  return init.declarations.flatMap((d) =>
    t.isIdentifier(d.name)
      ? [[d.name.text, typeKind(d.type) ?? element] as const]
      : boundNames(d.name).map((n) => [n, "other"] as const),
  );
}

/** Names hoisted to the top of a statement list: function and class declarations. */
export function hoistedBindings(statements: readonly TypeScript.Statement[]): Binding[] {
  const t = ts();
  const out: Binding[] = [];
  for (const s of statements) {
    if ((t.isFunctionDeclaration(s) || t.isClassDeclaration(s)) && s.name) {
      out.push([s.name.text, "other"]);
    }
    if (t.isImportDeclaration(s) && s.importClause) {
      const clause = s.importClause;
      if (clause.name) out.push([clause.name.text, "other"]);
      const bindings = clause.namedBindings;
      if (bindings && t.isNamespaceImport(bindings)) out.push([bindings.name.text, "other"]);
      if (bindings && t.isNamedImports(bindings)) {
        for (const el of bindings.elements) out.push([el.name.text, "other"]);
      }
    }
    if (t.isEnumDeclaration(s)) out.push([s.name.text, "other"]);
  }
  return out;
}

/** The identifiers a destructuring pattern (or a plain name) declares. */
export function boundNames(name: TypeScript.BindingName): string[] {
  const t = ts();
  if (t.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) {
    if (t.isBindingElement(el)) out.push(...boundNames(el.name));
  }
  return out;
}
