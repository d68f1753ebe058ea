/**
 * Settings a charter may have that weaken Steward's guarantees: allowed, but
 * said out loud when a run starts.
 */
import type { Charter } from "./charter.ts";

export function charterWarnings(charter: Charter): string[] {
  const warnings: string[] = [];
  if (charter.driver !== null && !charter.gates.verify.enabled) {
    warnings.push(
      "gates.verify.enabled is false while the charter has a driver: in search mode a candidate can forge the driver's results, and only the verify-mode re-score catches it; turn it back on",
    );
  }
  if (charter.policyScan === "off") {
    warnings.push(
      'policy_scan is "off": candidates are not scanned for dangerous capabilities (the sandbox still contains them)',
    );
  }
  return warnings;
}
