/** What the Store contract suites share: the store under test and sample rows. */
import type { EvaluationOutcome } from "../../evaluation/outcome.ts";
import { programHash } from "../../util/hash.ts";
import type { NewProgram, Store } from "../store.ts";

export interface StoreUnderTest {
  store: Store;
  /** Closes the store and removes whatever it wrote. */
  cleanup(): void;
}

export function program(code: string, parentIds?: number[], origin = "seed"): NewProgram {
  return { hash: programHash(code), code, origin, ...(parentIds && { parentIds }) };
}

export function outcome(overrides: Partial<EvaluationOutcome> = {}): EvaluationOutcome {
  return {
    outcome: "ok",
    metrics: { score: 0.875, size: 12, negative: -3.5e-7 },
    error: null,
    mode: "search",
    split: "train",
    durationMs: 123.456,
    peakMemoryBytes: 52_428_800,
    sandbox: "bubblewrap",
    stdout: "hello\n",
    stderr: "",
    artifacts: { bins: [3, 1, 2], nested: { ok: true, note: null, text: "x" } },
    log: ["started", "done"],
    warnings: [],
    ...overrides,
  };
}
