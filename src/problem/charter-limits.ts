/**
 * The charter's `limits` section: one optional key per sandbox limit, snake_case
 * in the file, each a whole number within sane bounds, defaulting to
 * `DEFAULT_LIMITS`.
 */
import { z } from "zod";
import { DEFAULT_LIMITS, type SandboxLimits } from "../sandbox/limits.ts";

const HOUR_MS = 3_600_000;
const GIB = 1 << 30;

function limit(key: keyof SandboxLimits, min: number, max: number, description: string) {
  const expected = `an integer from ${min} to ${max}`;
  return z
    .int({ error: expected })
    .min(min, { error: expected })
    .max(max, { error: expected })
    .default(DEFAULT_LIMITS[key])
    .meta({ description });
}

export const limitsFileSchema = z
  .strictObject({
    call_timeout_ms: limit(
      "callTimeoutMs",
      1,
      HOUR_MS,
      "Wall-clock limit (ms) of one candidate.call / candidate.run / ctx.driver call.",
    ),
    eval_timeout_ms: limit(
      "evalTimeoutMs",
      1,
      24 * HOUR_MS,
      "Wall-clock limit (ms) of a whole evaluation, evaluator included.",
    ),
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
  })
  .meta({
    title: "Sandbox limits",
    description: "Resource limits for each evaluation's candidate processes; each key is optional.",
  });

export type LimitsFile = z.output<typeof limitsFileSchema>;

export function toSandboxLimits(file: LimitsFile): SandboxLimits {
  return {
    callTimeoutMs: file.call_timeout_ms,
    evalTimeoutMs: file.eval_timeout_ms,
    memoryMb: file.memory_mb,
    maxProcesses: file.max_processes,
    maxOutputBytes: file.max_output_bytes,
    maxWriteBytes: file.max_write_bytes,
  };
}
