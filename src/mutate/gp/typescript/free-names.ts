/**
 * The names a piece of code uses without declaring them: a subtree copied from
 * one place to another (crossover, shrinking) must find them all in scope there.
 */
import type TypeScript from "typescript";
import { KNOWN_GLOBALS, lookup, type Scope } from "./scope.ts";
import { ts } from "./typescript.ts";

type Node = TypeScript.Node;

/** Identifiers used in `node` that it does not declare itself. */
export function freeNames(node: Node): Set<string> {
  const t = ts();
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (n: Node): void => {
    if (t.isIdentifier(n)) {
      const parent = n.parent;
      if (parent && isDeclarationName(n, parent)) declared.add(n.text);
      else if (!parent || !isNonReference(n, parent)) used.add(n.text);
    }
    t.forEachChild(n, visit);
  };
  visit(node);
  for (const name of declared) used.delete(name);
  return used;
}

/** The names a statement declares at its own level (variables, functions, classes). */
export function declaredNames(statement: TypeScript.Statement): string[] {
  const t = ts();
  if (t.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  }
  if ((t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement)) && statement.name) {
    return [statement.name.text];
  }
  return [];
}

/** Whether every name `node` uses is visible in `scope` (or a known global). */
export function resolvable(node: Node, scope: Scope): boolean {
  for (const name of freeNames(node)) {
    if (!KNOWN_GLOBALS.has(name) && lookup(scope, name) === undefined) return false;
  }
  return true;
}

function bindingNames(name: TypeScript.BindingName): string[] {
  const t = ts();
  if (t.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (t.isBindingElement(e) ? bindingNames(e.name) : []));
}

function isDeclarationName(n: TypeScript.Identifier, parent: Node): boolean {
  const t = ts();
  const named =
    t.isVariableDeclaration(parent) ||
    t.isParameter(parent) ||
    t.isFunctionDeclaration(parent) ||
    t.isFunctionExpression(parent) ||
    t.isClassDeclaration(parent) ||
    t.isClassExpression(parent) ||
    (t.isBindingElement(parent) && !parent.propertyName);
  return named && (parent as { name?: Node }).name === n;
}

/** Property names, labels and member names: identifiers that do not refer to a variable. */
function isNonReference(n: TypeScript.Identifier, parent: Node): boolean {
  const t = ts();
  if (t.isShorthandPropertyAssignment(parent)) return false;
  if (t.isBindingElement(parent)) return parent.propertyName === n;
  if ((parent as { name?: Node }).name === n) return true;
  if (t.isLabeledStatement(parent) || t.isBreakOrContinueStatement(parent)) return true;
  return t.isQualifiedName(parent) || t.isTypeReferenceNode(parent);
}
