/** Programs and evaluations as the store keeps them. */
import type { EvaluationOutcome } from "../evaluation/outcome.ts";

export interface NewProgram {
  /** Content hash of the normalised code (see `util/hash.ts`). */
  hash: string;
  code: string;
  parentIds?: readonly number[];
  /** Where it came from: "seed", "cli", a mutator's name... */
  origin: string;
}

export interface ProgramRecord {
  id: number;
  hash: string;
  code: string;
  parentIds: number[];
  origin: string;
  createdAt: string;
}

export interface EvaluationRecord extends EvaluationOutcome {
  id: number;
  programId: number;
  createdAt: string;
}
