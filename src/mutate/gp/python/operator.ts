/**
 * The contract of gp's Python operators. An operator reads the parent through
 * its syntax tree and returns one splice of the program text, inside an
 * EVOLVE-BLOCK interior, that keeps the program parseable by construction: a
 * constant stays a literal of its kind, an operator is swapped only within its
 * precedence class, and statements move, vanish or repeat only as whole lines
 * among siblings of one suite. The mutator re-parses every result anyway.
 */
import type { Rng } from "../../../util/rng.ts";
import type { PythonSource, SyntaxNode } from "./syntax-tree.ts";

export interface PyOperatorContext {
  source: PythonSource;
  rng: Rng;
  /** The inspirations, parsed, for crossover. */
  donors: () => readonly PythonSource[];
}

/** Replace source.text[start, end) with `text`. */
export interface PyChange {
  start: number;
  end: number;
  text: string;
  note: string;
}

export interface PyOperator {
  name: string;
  apply(ctx: PyOperatorContext): PyChange | null;
}

export function applyChange(text: string, change: PyChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** The first line of a node's text, shortened, for notes. */
export function shortText(text: string): string {
  return text.trim().split("\n")[0]?.slice(0, 60) ?? "";
}

/** A change that puts `text` where `node` is. */
export function replaceNode(node: SyntaxNode, text: string, note: string): PyChange {
  return { start: node.startIndex, end: node.endIndex, text, note };
}
