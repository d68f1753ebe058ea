/**
 * How proposals read on a terminal: one line in `review`, a full page in `show`.
 * Both pass through visibleText last, so nothing in a proposal (diff, rationale,
 * metric names, gate evidence, warnings, verdict messages) can send the
 * terminal an escape sequence or hide characters from the person approving it.
 */
import { type ApprovalState, metricTable } from "../oversight/approval-state.ts";
import type { ProposalRecord, VerdictRecord } from "../store/oversight-store.ts";
import { visibleText } from "../util/visible-text.ts";

interface Gate {
  gate: string;
  status: string;
  summary: string;
  evidence?: Record<string, unknown>;
}

interface Objective {
  metric: string;
  direction: string;
  candidate: number;
  champion: number;
}

export type { ApprovalState } from "../oversight/approval-state.ts";

export function proposalLine(
  p: ProposalRecord,
  approvals: ApprovalState | null,
  supersededBy: number | null = null,
): string {
  const o = p.content.objective as Objective;
  const gates = (p.content.gates as Gate[]).map((g) => `${g.gate}:${g.status}`).join(" ");
  const count = approvals
    ? ` | approvals ${approvals.approvedBy.length}/${approvals.needed}${approvals.allowed ? " (ready to deploy)" : ""}`
    : "";
  return visibleText(
    `#${p.id} ${supersededBy === null ? p.status : `superseded by #${supersededBy}`} | program ${p.programId} vs champion ${p.championProgramId} | ${o.metric} ${o.champion} -> ${o.candidate} | ${gates}${count}`,
  );
}

export function proposalPage(
  p: ProposalRecord,
  verdicts: VerdictRecord[],
  approvals: ApprovalState | null,
): string {
  const c = p.content;
  const o = c.objective as Objective;
  const metrics = c.metrics as {
    candidate: Record<string, number> | null;
    champion: Record<string, number> | null;
  };
  const cell = (value: number | undefined) => (value === undefined ? "-" : String(value));
  const rows = metricTable(metrics).map((m) => [m.name, cell(m.champion), cell(m.candidate)]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(...[["metric", "champion", "proposal"], ...rows].map((r) => (r[i] ?? "").length)),
  );
  const line = (r: string[]) =>
    `  ${(r[0] ?? "").padEnd(widths[0] ?? 0)}  ${(r[1] ?? "").padStart(widths[1] ?? 0)}  ${(r[2] ?? "").padStart(widths[2] ?? 0)}`;
  const metricRows = [line(["metric", "champion", "proposal"]), ...rows.map(line)];
  const gates = (c.gates as Gate[]).map(
    (g) =>
      `  ${g.gate.padEnd(11)} ${g.status.padEnd(7)} ${g.summary}${g.evidence ? `\n${" ".repeat(22)}${JSON.stringify(g.evidence)}` : ""}`,
  );
  const verdictLines = verdicts.map(
    (v) =>
      `  ${v.verdict} by ${v.approver} (${v.publicKey.slice(0, 20)}...) ${v.createdAt}${v.message ? `: ${v.message}` : ""}`,
  );
  const lineage = (c.lineage as number[]) ?? [];
  const page = [
    `proposal ${p.id}: ${p.status}${c.needsExtraApproval ? " (implausible gain: needs one extra approval)" : ""}`,
    `content hash ${p.contentHash}`,
    `program ${p.programId} vs champion ${p.championProgramId}; made by ${c.mutator} (${c.operator})`,
    `lineage: ${lineage.length ? lineage.join(" <- ") : "-"}`,
    `objective ${o.metric} (${o.direction}): champion ${o.champion} -> proposal ${o.candidate}`,
    "",
    "metrics:",
    ...metricRows,
    "",
    "gates:",
    ...gates,
    "",
    `rationale: ${c.rationale ?? "(none: the gp mutator gives none)"}`,
    ...((c.warnings as string[] | undefined)?.length
      ? ["", "warnings:", ...(c.warnings as string[]).map((w) => `  ${w}`)]
      : []),
    "",
    `verdicts:${verdictLines.length ? "" : " none yet"}`,
    ...verdictLines,
    ...(approvals
      ? [
          `approvals: ${approvals.approvedBy.length}/${approvals.needed}${approvals.allowed ? " - ready to deploy" : ` - ${approvals.reason}`}`,
        ]
      : []),
    "",
    "diff against the champion:",
    String(c.diff || "(no textual difference)"),
  ].join("\n");
  return visibleText(page);
}
