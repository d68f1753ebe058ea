/**
 * What an analysis of a program finds: its blocks and the places inside them
 * that gp operators may change. Plain data, shared by the analysis and the
 * operators.
 */
import type TypeScript from "typescript";
import type { Scope } from "./scope.ts";

type Node = TypeScript.Node;
type Expression = TypeScript.Expression;

export type Language = "typescript" | "javascript";

/** Offsets of a block's interior in the program text. */
export interface BlockRange {
  start: number;
  end: number;
}

/** A number-valued expression inside a block, in a position where another number may go. */
export interface ExprSite {
  node: Expression;
  scope: Scope;
  block: number;
  /** An array index or loop header: only integer changes make sense. */
  integer: boolean;
  /** The whole expression it is part of (a statement's expression, an arrow body). */
  root: Expression;
}

/** An arrow function with an expression body inside a block. */
export interface ArrowSite {
  arrow: TypeScript.ArrowFunction;
  body: Expression;
  scope: Scope;
  block: number;
}

export interface Analysis {
  text: string;
  sf: TypeScript.SourceFile;
  language: Language;
  blocks: BlockRange[];
  exprs: ExprSite[];
  lists: ListSite[];
  arrows: ArrowSite[];
  /** Functions (and arrows) that return numbers. */
  numericFunctions: Set<Node>;
  /** How often each identifier occurs in the whole program. */
  identifiers: Map<string, number>;
}

/** A list of statements with at least one inside a block. */
export interface ListSite {
  owner: Node;
  statements: readonly TypeScript.Statement[];
  /** `scopes[i]`: the names visible before statement i; `scopes[n]` after the last. */
  scopes: Scope[];
  /** The block holding each statement, or -1. */
  blocks: number[];
  /** The function whose body holds the list, if any. */
  fn: TypeScript.SignatureDeclaration | null;
  /** Whether the list is in a loop's body (in the same function). */
  inLoop: boolean;
}

/** Where the walk is: the names in scope and what encloses the node. */
export interface WalkState {
  scope: Scope;
  fn: TypeScript.SignatureDeclaration | null;
  inLoop: boolean;
  integer: boolean;
  root: Expression | null;
}

/** The block whose interior holds [start, end), or -1. */
export function blockAt(a: Analysis, start: number, end: number): number {
  return a.blocks.findIndex((b) => b.start <= start && end <= b.end);
}

export function blockOfNode(a: Analysis, node: Node): number {
  return blockAt(a, node.getStart(a.sf), node.end);
}
