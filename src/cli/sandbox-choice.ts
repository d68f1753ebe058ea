/**
 * The sandbox a command that evaluates (`run`, `eval`) uses: the `--sandbox`
 * flag (else STEWARD_SANDBOX) picks a level by name, otherwise the strongest
 * that works; below an isolating level it refuses unless the user or the
 * charter opted in. The level is said in the command's first line.
 */

import { detectSandbox, requireSandbox, type SandboxReport } from "../sandbox/detect.ts";
import type { SandboxRequirement } from "../sandbox/level.ts";
import { describeLevel, LEVELS_STRONGEST_FIRST } from "../sandbox/level.ts";
import { oneOf } from "./args.ts";

export const SANDBOX_FLAG_HELP = `  --sandbox LEVEL  run candidates at this level: bubblewrap, namespace, or process
                   (weak: network open, host files readable; only when asked
                   for). Default: the strongest that works here (STEWARD_SANDBOX
                   sets it too); none isolating and not asked for: exit 2`;

export function chooseSandbox(
  flag: string | boolean | undefined,
  requirement: SandboxRequirement,
): SandboxReport {
  if (flag !== undefined) {
    // The engine and everything it starts read the level from here.
    process.env.STEWARD_SANDBOX = oneOf("sandbox", flag, LEVELS_STRONGEST_FIRST, "bubblewrap");
  }
  const { report } = detectSandbox();
  requireSandbox(report, requirement);
  return report;
}

/** e.g. `sandbox: bubblewrap (no network, read-only system, private tmp)`. */
export function sandboxLine(report: SandboxReport): string {
  return `sandbox: ${describeLevel(report.level)}`;
}
