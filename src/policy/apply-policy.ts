/**
 * What the charter's `policy_scan` mode does with a candidate: "block" rejects
 * one with findings (the reason names each rule and line), "flag" lets it run
 * and turns the findings into warnings, "off" skips the scan. Non-JS candidates
 * are not scanned; a warning says so unless the scan is off.
 */
import type { CharterLanguage } from "../problem/charter.ts";
import type { PolicyScanMode } from "../problem/charter-oversight.ts";
import { describeFinding, type PolicyFinding, scanProgram } from "./scan.ts";

export interface PolicyVerdict {
  /** Why the candidate is rejected, or null when it may run. */
  rejection: string | null;
  warnings: string[];
  findings: PolicyFinding[];
}

const MAX_LISTED = 10;

export function applyPolicy(
  mode: PolicyScanMode,
  language: CharterLanguage,
  code: string,
  fileName: string,
): PolicyVerdict {
  if (mode === "off") return { rejection: null, warnings: [], findings: [] };
  if (language !== "typescript" && language !== "javascript") {
    return {
      rejection: null,
      warnings: [`policy scan skipped: it reads JS/TS only, and this candidate is ${language}`],
      findings: [],
    };
  }
  const findings = scanProgram(code, fileName);
  if (findings.length === 0) return { rejection: null, warnings: [], findings };
  if (mode === "block") return { rejection: blockedMessage(findings), warnings: [], findings };
  return {
    rejection: null,
    warnings: findings.map((f) => `policy scan: ${describeFinding(f)}`),
    findings,
  };
}

function blockedMessage(findings: PolicyFinding[]): string {
  const listed = findings.slice(0, MAX_LISTED).map(describeFinding).join("; ");
  const more = findings.length > MAX_LISTED ? `; and ${findings.length - MAX_LISTED} more` : "";
  return `the policy scan blocked the candidate: ${listed}${more} (set policy_scan: flag in the charter to run such candidates and only record warnings)`;
}
