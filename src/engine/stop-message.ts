/** The sentence a run ends with, for people. */
import type { StopReason } from "./run-events.ts";

export function describeStop(
  reason: StopReason,
  s: {
    evaluated: number;
    elapsedMs: number;
    bestObjective: number | null;
    error: Error | null;
    spend?: string | null;
  },
): string {
  switch (reason) {
    case "max-evals":
      return `reached the evaluation budget (${s.evaluated} evaluations)`;
    case "max-time":
      return `reached the time budget (${Math.round(s.elapsedMs / 1000)} s)`;
    case "max-spend":
      return `reached the LLM budget: ${s.spend ?? "money or tokens spent"}`;
    case "target":
      return `reached the target (${s.bestObjective})`;
    case "stop":
      return "stopped on request; in-flight evaluations finished";
    case "stop-now":
      return "stopped at once on request; in-flight evaluations were killed and will run again on resume";
    case "charter-changed":
      return s.error?.message ?? "a pinned charter file changed";
    case "error":
      return s.error?.message ?? "failed";
  }
}
