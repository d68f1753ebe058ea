/**
 * Turning new nodes into text for a splice. New expressions are built with the
 * TypeScript node factory, which adds the parentheses their operands need; a
 * splice also asks the factory whether the new expression needs parentheses in
 * its place, and keeps tokens from running together.
 */
import type TypeScript from "typescript";
import { ts } from "./typescript.ts";

type Expression = TypeScript.Expression;

let printer: TypeScript.Printer | undefined;

/** The node as code; comments are dropped (a line comment could swallow what follows). */
export function printNode(node: TypeScript.Node, sf: TypeScript.SourceFile): string {
  const t = ts();
  printer ??= t.createPrinter({ removeComments: true, newLine: t.NewLineKind.LineFeed });
  const hint = t.isExpression(node) ? t.EmitHint.Expression : t.EmitHint.Unspecified;
  return printer.printNode(hint, node, sf);
}

/** A number literal, with a prefix minus when negative. */
export function numberNode(value: number): Expression {
  const f = ts().factory;
  const literal = f.createNumericLiteral(formatNumber(Math.abs(value)));
  return value < 0 ? f.createPrefixUnaryExpression(ts().SyntaxKind.MinusToken, literal) : literal;
}

/** At most 6 significant digits, so evolved constants stay readable. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "1";
  return String(Number(value.toPrecision(6)));
}

/**
 * The text that puts `replacement` where `target` is, parenthesized when the
 * parent needs it. `sf` is the file the replacement's original nodes come from.
 */
export function replacementText(
  target: Expression,
  replacement: Expression,
  sf: TypeScript.SourceFile,
): string {
  const text = printNode(replacement, sf);
  return needsParentheses(target, replacement) ? `(${text})` : text;
}

/** Whether `replacement` needs parentheses in `target`'s place. */
export function needsParentheses(target: Expression, replacement: Expression): boolean {
  const t = ts();
  const parent = target.parent;
  if (!parent) return false;
  let wrapped = false;
  try {
    const updated = t.visitEachChild(parent, (c) => (c === target ? replacement : c), undefined);
    t.forEachChild(
      updated,
      (c) => {
        if (t.isParenthesizedExpression(c) && c.expression === replacement) wrapped = true;
      },
      (cs) => {
        for (const c of cs) {
          if (t.isParenthesizedExpression(c) && c.expression === replacement) wrapped = true;
        }
      },
    );
  } catch {
    return true;
  }
  return wrapped;
}

/** Whether two characters would run together into one token if nothing separated them. */
export function needsSpace(before: string | undefined, after: string | undefined): boolean {
  if (!before || !after) return false;
  const word = /[\w$]/;
  if (word.test(before) && word.test(after)) return true;
  if ((before === "+" || before === "-") && after === before) return true;
  return before === "/" && (after === "/" || after === "*");
}
