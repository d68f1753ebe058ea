/** The red-team table: one line per attack, then `N passed, M failed`. */
import type { AttackReport } from "./run-corpus.ts";

export function reportLine(r: AttackReport): string {
  return [
    r.name.padEnd(28),
    r.category.padEnd(11),
    r.outcome.padEnd(22),
    `${r.evidence.join("; ")}${r.scan ? ` | ${r.scan}` : ""}`,
    r.status,
  ].join(" ");
}

/** "N passed, M failed", after a note on attacks not run or known weaknesses, if any. */
export function summaryLines(reports: AttackReport[]): string[] {
  const count = (status: AttackReport["status"]) =>
    reports.filter((r) => r.status === status).length;
  const lines: string[] = [];
  if (count("KNOWN") + count("SKIP") > 0)
    lines.push(
      `${count("KNOWN")} got through known weaknesses of this sandbox level, ${count("SKIP")} not run`,
    );
  lines.push(`${count("PASS")} passed, ${count("FAIL")} failed`);
  return lines;
}
