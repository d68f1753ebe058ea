/**
 * The charter's `limits` section: one optional key per sandbox limit, snake_case
 * in the file, each a whole number within sane bounds, defaulting to
 * `DEFAULT_LIMITS`. `eval_timeout_ms` may also be `auto`: a limit that follows
 * how long the champion takes (see `eval_timeout_auto`), so that a candidate
 * that loops forever costs seconds, not the whole fixed limit.
 */
import { z } from "zod";
import { DEFAULT_LIMITS, type SandboxLimits } from "../sandbox/limits.ts";
import { boundedInt } from "./bounded-int.ts";

const HOUR_MS = 3_600_000;
const GIB = 1 << 30;
const EVAL_TIMEOUT_EXPECTED = `"auto" or an integer from 1 to ${24 * HOUR_MS}`;
const FACTOR_EXPECTED = "a number from 1 to 1000";

/** How `eval_timeout_ms: auto` derives an evaluation's limit, in the engine's terms. */
export interface AutoEvalTimeout {
  /** No evaluation is cut sooner than this (ms), however fast the champion. */
  floorMs: number;
  /** How many times the champion's slowest recent evaluation a candidate may take. */
  factor: number;
  /** The limit before the champion has been evaluated, and never exceeded (ms). */
  maxMs: number;
}

export const DEFAULT_AUTO_EVAL_TIMEOUT: AutoEvalTimeout = {
  floorMs: 1000,
  factor: 3,
  maxMs: DEFAULT_LIMITS.evalTimeoutMs,
};

const autoEvalTimeoutSchema = z
  .strictObject({
    floor_ms: boundedInt(1, 24 * HOUR_MS, DEFAULT_AUTO_EVAL_TIMEOUT.floorMs).meta({
      description: "No evaluation is cut sooner than this (ms), however fast the champion.",
    }),
    factor: z
      .number({ error: FACTOR_EXPECTED })
      .min(1, { error: FACTOR_EXPECTED })
      .max(1000, { error: FACTOR_EXPECTED })
      .default(DEFAULT_AUTO_EVAL_TIMEOUT.factor)
      .meta({
        description:
          "How many times the champion's slowest recent evaluation a candidate may take.",
      }),
    max_ms: boundedInt(1, 24 * HOUR_MS, DEFAULT_AUTO_EVAL_TIMEOUT.maxMs).meta({
      description:
        "The limit (ms) until the champion has been evaluated, and the most it ever grows to.",
    }),
  })
  .meta({
    title: "Automatic evaluation time limit",
    description:
      "Used with eval_timeout_ms: auto. Each key is optional: floor_ms 1000, factor 3, max_ms 120000 by default.",
  });

function limit(key: keyof SandboxLimits, min: number, max: number, description: string) {
  const expected = `an integer from ${min} to ${max}`;
  return z
    .int({ error: expected })
    .min(min, { error: expected })
    .max(max, { error: expected })
    .default(DEFAULT_LIMITS[key])
    .meta({ description });
}

const limitsShape = z.strictObject({
  call_timeout_ms: limit(
    "callTimeoutMs",
    1,
    HOUR_MS,
    "Wall-clock limit (ms) of one candidate.call / candidate.run / ctx.driver call.",
  ),
  eval_timeout_ms: z
    .union(
      [
        z.literal("auto"),
        z
          .int({ error: EVAL_TIMEOUT_EXPECTED })
          .min(1, { error: EVAL_TIMEOUT_EXPECTED })
          .max(24 * HOUR_MS, { error: EVAL_TIMEOUT_EXPECTED }),
      ],
      { error: EVAL_TIMEOUT_EXPECTED },
    )
    .default(DEFAULT_LIMITS.evalTimeoutMs)
    .meta({
      description:
        'Wall-clock limit (ms) of a whole evaluation, evaluator included; "auto": max(floor_ms, factor x the slowest of the champion\'s recent evaluations), capped at max_ms (see eval_timeout_auto).',
    }),
  eval_timeout_auto: autoEvalTimeoutSchema.optional(),
  memory_mb: limit(
    "memoryMb",
    16,
    256 * 1024,
    "Memory cap (MiB) per candidate process (data segment and V8 heap).",
  ),
  max_processes: limit(
    "maxProcesses",
    1,
    4096,
    "Most processes (and threads) the candidate may have at once.",
  ),
  max_output_bytes: limit(
    "maxOutputBytes",
    1,
    GIB,
    "Most bytes the candidate may print on stdout and stderr together.",
  ),
  max_write_bytes: limit(
    "maxWriteBytes",
    1,
    16 * GIB,
    "Most bytes the candidate may write to its private temp dir.",
  ),
});

export type LimitsFile = z.output<typeof limitsShape>;

export const limitsFileSchema = limitsShape.superRefine(checkAutoEvalTimeout).meta({
  title: "Sandbox limits",
  description: "Resource limits for each evaluation's candidate processes; each key is optional.",
});

function checkAutoEvalTimeout(file: LimitsFile, ctx: z.RefinementCtx): void {
  const auto = file.eval_timeout_auto;
  if (!auto) return;
  if (file.eval_timeout_ms !== "auto") {
    ctx.addIssue({
      code: "custom",
      path: ["eval_timeout_auto"],
      message: "nothing unless eval_timeout_ms is auto (remove it, or set eval_timeout_ms: auto)",
      input: auto,
    });
  } else if (auto.floor_ms > auto.max_ms) {
    ctx.addIssue({
      code: "custom",
      path: ["eval_timeout_auto", "floor_ms"],
      message: `at most max_ms (${auto.max_ms})`,
      input: auto.floor_ms,
    });
  }
}

/** The automatic limit's settings, or null when `eval_timeout_ms` is a fixed number. */
export function toAutoEvalTimeout(file: LimitsFile): AutoEvalTimeout | null {
  if (file.eval_timeout_ms !== "auto") return null;
  const auto = file.eval_timeout_auto;
  if (!auto) return { ...DEFAULT_AUTO_EVAL_TIMEOUT };
  return { floorMs: auto.floor_ms, factor: auto.factor, maxMs: auto.max_ms };
}

export function toSandboxLimits(file: LimitsFile): SandboxLimits {
  return {
    callTimeoutMs: file.call_timeout_ms,
    // With auto, the cap: what an evaluation gets before the champion has been timed.
    evalTimeoutMs: toAutoEvalTimeout(file)?.maxMs ?? (file.eval_timeout_ms as number),
    memoryMb: file.memory_mb,
    maxProcesses: file.max_processes,
    maxOutputBytes: file.max_output_bytes,
    maxWriteBytes: file.max_write_bytes,
  };
}
