/**
 * Runs every gate, one after the other (so timings do not disturb each other),
 * against one candidate, and collects the report. Gates fail closed: one that
 * throws or meets an evaluation that is not "ok" ends "error", which blocks
 * the proposal like "fail". Aborting the context's signal rejects with
 * StewardError("stopped") instead of reporting half-run gates.
 */
import { describeError, StewardError } from "../../errors.ts";
import type { Gate, GateContext, GateEvaluations, GateReport, GateResult } from "./gate.ts";
import { holdoutGate } from "./holdout.ts";
import { implausibleGate } from "./implausible.ts";
import { resourcesGate } from "./resources.ts";
import { SharedEvaluations, UnscoredError } from "./shared-evaluations.ts";
import { stabilityGate } from "./stability.ts";
import { verifyGate } from "./verify.ts";

/** In the order they run and appear in reports. */
export const GATES: readonly Gate[] = [
  verifyGate,
  stabilityGate,
  holdoutGate,
  resourcesGate,
  implausibleGate,
];

export async function runGates(ctx: GateContext): Promise<GateReport> {
  const evaluations = new SharedEvaluations(ctx);
  const results: GateResult[] = [];
  for (const gate of GATES) {
    throwIfStopped(ctx.signal);
    results.push(await runGate(gate, ctx, evaluations));
  }
  throwIfStopped(ctx.signal);
  return {
    passed: results.every((r) => r.status !== "fail" && r.status !== "error"),
    needsExtraApproval: results.some((r) => r.status === "flag"),
    results,
  };
}

/** One gate, failing closed; "skipped" without running when the charter turns it off. */
export async function runGate(
  gate: Gate,
  ctx: GateContext,
  evaluations: GateEvaluations,
): Promise<GateResult> {
  if (!gate.enabled(ctx.charter.gates)) {
    return {
      gate: gate.name,
      status: "skipped",
      summary: "turned off by the charter",
      evidence: {},
    };
  }
  try {
    const verdict = await gate.run({ ctx, evaluations });
    return { gate: gate.name, ...verdict, evidence: plainJson(verdict.evidence) };
  } catch (error) {
    throwIfStopped(ctx.signal);
    const evidence = error instanceof UnscoredError ? error.evidence : {};
    return {
      gate: gate.name,
      status: "error",
      summary: `could not check: ${error instanceof UnscoredError ? error.message : describeError(error)}`,
      evidence: plainJson({ ...evidence, error: describeError(error) }),
    };
  }
}

function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StewardError("stopped", "the gates were stopped");
}

/** Evidence as plain JSON: non-finite numbers become null, undefined keys go. */
function plainJson(evidence: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(evidence)) as Record<string, unknown>;
}
