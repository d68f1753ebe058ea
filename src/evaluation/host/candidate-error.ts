/**
 * What `candidate.call` / `candidate.run` / `ctx.driver` throw when the candidate
 * fails. `fatal` failures (the sandbox was killed or died) decide the outcome of
 * the whole evaluation even if the evaluator catches them.
 */
export type CandidateFailureKind = "crashed" | "timeout" | "memory" | "output-limit";

export class CandidateError extends Error {
  readonly kind: CandidateFailureKind;
  readonly fatal: boolean;
  readonly detail: string;

  constructor(
    kind: CandidateFailureKind,
    message: string,
    options: { fatal: boolean; detail?: string },
  ) {
    super(message);
    this.name = "CandidateError";
    this.kind = kind;
    this.fatal = options.fatal;
    this.detail = options.detail ?? "";
  }
}

/** Thrown by `ctx.invalid(reason)`: the evaluation ends as `invalid`. */
export class InvalidCandidateError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidCandidateError";
  }
}

const MEMORY_PATTERN = /allocation failed|out of memory|Cannot allocate memory|ENOMEM/i;
const WRITE_CAP_PATTERN = /EFBIG|ENOSPC|file too large|no space left/i;

/** What a thrown error reported by the candidate says about why it failed. */
export function kindOfCandidateThrow(message: string): CandidateFailureKind {
  if (MEMORY_PATTERN.test(message)) return "memory";
  if (WRITE_CAP_PATTERN.test(message)) return "output-limit";
  return "crashed";
}
