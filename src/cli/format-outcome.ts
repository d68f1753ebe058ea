/** Human-readable text for one evaluation outcome. */
import type { EvaluationOutcome } from "../evaluation/outcome.ts";

export function formatOutcome(o: EvaluationOutcome, objective: string): string {
  const lines: string[] = [];
  const peak = o.peakMemoryBytes ? `, peak ${Math.round(o.peakMemoryBytes / 2 ** 20)} MB` : "";
  lines.push(
    `${o.outcome}  (${o.mode} mode, split ${o.split}, ${o.sandbox} sandbox, ${(o.durationMs / 1000).toFixed(2)} s${peak})`,
  );
  if (o.metrics) {
    const names = Object.keys(o.metrics).sort((a, b) =>
      a === objective ? -1 : b === objective ? 1 : a.localeCompare(b),
    );
    for (const name of names) {
      const mark = name === objective ? "  (objective)" : "";
      lines.push(`  ${name.padEnd(20)} ${formatNumber(o.metrics[name] as number)}${mark}`);
    }
  }
  if (o.error) {
    lines.push(`  ${o.error.source} error: ${o.error.message}`);
    if (o.error.detail) lines.push(indent(tail(o.error.detail, 12)));
  }
  if (o.outcome !== "ok" && o.stderr)
    lines.push("  stderr (last lines):", indent(tail(o.stderr, 12)));
  for (const line of o.log.slice(0, 20)) lines.push(`  log: ${line}`);
  for (const warning of o.warnings) lines.push(`  warning: ${warning}`);
  return lines.join("\n");
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(6);
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
