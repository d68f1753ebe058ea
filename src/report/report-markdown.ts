/**
 * The report as Markdown (`--format md`): the same sections as the HTML
 * report, the charts as a table of the best objective over evaluations (a
 * Markdown viewer shows no inline SVG). Text a candidate controls is shown
 * with hidden characters as visible tokens, HTML and table syntax escaped, and
 * code in fences longer than any run of backticks inside it.
 */
import type { ProposalContent } from "../oversight/proposal-content.ts";
import { visibleText } from "../util/visible-text.ts";
import { num } from "./html-text.ts";
import type { ReportData } from "./report-data.ts";

/** Inline text: visible, no HTML, no table breaks. */
function md(value: unknown): string {
  return visibleText(String(value ?? ""))
    .replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"))
    .replace(/([|\\`*_[\]])/g, "\\$1")
    .replace(/\n/g, " ");
}

function fence(code: string, lang = ""): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const f = "`".repeat(longest + 1);
  return `${f}${lang}\n${visibleText(code)}${code.endsWith("\n") ? "" : "\n"}${f}`;
}

export function reportMarkdown(d: ReportData): string {
  const r = d.run;
  const out: string[] = [
    `# ${md(d.problem.name)}: run ${r.id}`,
    "",
    "## Problem",
    "",
    `Objective **${md(d.problem.metric)}** (${d.problem.direction}); run ${r.id} ${r.status}${r.stopReason ? ` (${md(r.stopReason)})` : ""}, ${r.evaluated} evaluations in ${Math.round(r.elapsedMs / 1000)} s; seed ${num(r.seedObjective)} -> best ${num(r.best?.objective)}. Report made ${d.generatedAt}.`,
    "",
    "## Charter hashes",
    "",
    ...(d.pin
      ? [
          "| file | SHA-256 |",
          "| --- | --- |",
          ...Object.entries(d.pin.files).map(([f, h]) => `| ${md(f)} | \`${h}\` |`),
        ]
      : ["not pinned yet"]),
    "",
    "## Progress",
    "",
    "| evaluations | best | median |",
    "| ---: | ---: | ---: |",
    ...d.series.points
      .filter(
        (_, i, all) => i % Math.max(1, Math.ceil(all.length / 20)) === 0 || i === all.length - 1,
      )
      .map((p) => `| ${p.evaluations} | ${num(p.best)} | ${num(p.median)} |`),
    "",
    "## Champion history",
    "",
    `| when | program | how | ${md(d.problem.metric)} |`,
    "| --- | ---: | --- | ---: |",
    ...d.champions.map(
      (c) =>
        `| ${c.createdAt} | ${c.programId} | ${c.reason}${c.proposalId !== null ? ` (proposal ${c.proposalId})` : ""} | ${num(c.objective)} |`,
    ),
    "",
    "## Proposals",
    "",
  ];
  if (d.proposals.length === 0) out.push("none", "");
  for (const { proposal: p, verdicts, supersededBy } of d.proposals) {
    const c = p.content as ProposalContent;
    out.push(
      `### Proposal ${p.id}: ${supersededBy === undefined ? p.status : `superseded by proposal ${supersededBy}`}`,
      "",
      `${md(c.objective.metric)}: ${num(c.objective.champion)} -> ${num(c.objective.candidate)}; program ${p.programId} against ${p.championProgramId}, by ${md(c.mutator)} (${md(c.operator)}); content hash \`${p.contentHash}\``,
      "",
      ...c.gates.map((g) => `- gate ${md(g.gate)}: ${md(g.status)}: ${md(g.summary)}`),
      ...verdicts.map(
        (v) =>
          `- ${v.verdict} by ${md(v.approver)} ${v.createdAt}${v.message ? `: ${md(v.message)}` : ""}`,
      ),
      "",
      `Rationale: ${md(c.rationale ?? "(none)")}`,
      "",
      fence(c.diff, "diff"),
      "",
    );
  }
  out.push(
    "## Best program against the seed",
    "",
    d.bestDiff ? fence(d.bestDiff, "diff") : "no change",
    "",
  );
  out.push("## LLM spend", "");
  if (d.spend.length === 0) out.push("no model calls", "");
  else {
    out.push(
      "| model | calls | failed | prompt tokens | completion tokens | cost |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const m of d.spend)
      out.push(
        `| ${md(m.model)} | ${m.calls} | ${m.failed} | ${m.promptTokens} | ${m.completionTokens} | $${m.cost.toFixed(4)} |`,
      );
    out.push("");
  }
  const cp = d.ledger.checkpoint;
  out.push(
    "## Ledger",
    "",
    `${d.ledger.size} entries, root \`${d.ledger.root}\`.${cp ? ` Latest signed checkpoint: size ${cp.size}, root \`${cp.root}\`, ${cp.time}, key \`${cp.publicKey}\`, signature \`${cp.signature}\`.` : ""}`,
    "",
    `Verify it: \`steward audit verify ${md(d.problem.dir)}\``,
    "",
  );
  return out.join("\n");
}
