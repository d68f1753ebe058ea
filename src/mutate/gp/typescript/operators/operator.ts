/**
 * What a gp operator is: a named way to change the code inside one block of a
 * program. It looks at the analysis of the current code and returns text edits
 * inside a block (with a note for the reviewer), or null when it finds nothing
 * to change; the mutator applies the edits and checks the result.
 */
import type { Rng } from "../../../../util/rng.ts";
import type { Edit } from "../edits.ts";
import type { Analysis } from "../sites.ts";

export interface OperatorContext {
  analysis: Analysis;
  rng: Rng;
  /** The inspirations, analysed (parsed on first use; those that do not parse are left out). */
  donors(): readonly Analysis[];
  /** Expressions may not grow past this many nodes. */
  maxExpressionNodes: number;
}

export interface Change {
  edits: Edit[];
  /** What changed, in a few words, for the record. */
  note: string;
}

export interface GpOperator {
  readonly name: string;
  /** Whether it tends to add code, remove it, or neither (used against bloat). */
  readonly effect: "grow" | "shrink" | "neutral";
  apply(ctx: OperatorContext): Change | null;
}
