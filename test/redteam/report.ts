/** The red-team report: one line per attack, `N passed, M failed`, and a table of runs. */
import type { AttackReport, CorpusRun } from "./run-corpus.ts";

export function reportLine(r: AttackReport): string {
  return [
    r.name.padEnd(28),
    r.category.padEnd(11),
    r.outcome.padEnd(22),
    `${r.evidence.join("; ")}${r.scan ? ` | ${r.scan}` : ""}`,
    r.status,
  ].join(" ");
}

function counts(reports: AttackReport[]) {
  const count = (status: AttackReport["status"]) =>
    reports.filter((r) => r.status === status).length;
  return { pass: count("PASS"), fail: count("FAIL"), known: count("KNOWN"), skip: count("SKIP") };
}

/**
 * "N passed, M failed": an attack that got through a known weakness of the
 * process level counts as failed (it was not contained), and is named as such.
 */
export function summaryLines(reports: AttackReport[]): string[] {
  const { pass, fail, known, skip } = counts(reports);
  const notes = [
    known > 0 ? `${known} of them through known weaknesses of this level` : "",
    skip > 0 ? `${skip} not run` : "",
  ].filter(Boolean);
  return [`${pass} passed, ${fail + known} failed${notes.length ? ` (${notes.join("; ")})` : ""}`];
}

/** A Markdown table of every language and level run, as SECURITY.md shows it. */
export function tableLines(runs: CorpusRun[]): string[] {
  const lines = [
    "| Language | Level | Attacks | Passed | Failed | Of which known weaknesses | Not run |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const run of runs) {
    if (run.unavailable) {
      lines.push(`| ${run.language} | ${run.level} | not available: ${run.unavailable} | | | | |`);
      continue;
    }
    const { pass, fail, known, skip } = counts(run.reports);
    lines.push(
      `| ${run.language} | ${run.level} | ${run.reports.length} | ${pass} | ${fail + known} | ${known} | ${skip} |`,
    );
  }
  return lines;
}
