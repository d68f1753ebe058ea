/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script,
 * nothing fetched from anywhere, to attach to a ticket or an email. Its charts,
 * diffs and proposal sections are the dashboard's own (same modules), and every
 * candidate-controlled string is escaped by `html`.
 */
import { diffHtml } from "./diff-html.ts";
import { type Html, html, num, trusted } from "./html-text.ts";
import { progressChart } from "./progress-chart.ts";
import { proposalHtml } from "./proposal-html.ts";
import type { ReportData } from "./report-data.ts";
import { STYLES } from "./styles.ts";

export function reportHtml(d: ReportData): string {
  const r = d.run;
  const body: Html = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${d.problem.name}: run ${r.id} - steward report</title><style>${trusted(STYLES)}</style></head>
<body><main>
<h1>${d.problem.name}: run ${r.id}</h1>
<section id="problem"><h2>Problem</h2>
<p>objective <b>${d.problem.metric}</b> (${d.problem.direction}); folder <code>${d.problem.dir}</code>; report made ${d.generatedAt}</p>
<p>run ${r.id}: ${r.status}${r.stopReason ? ` (${r.stopReason})` : ""}, ${r.evaluated} evaluations in ${Math.round(r.elapsedMs / 1000)} s;
seed ${num(r.seedObjective)} &rarr; best ${num(r.best?.objective)}${r.best ? ` (program ${r.best.programId})` : ""};
outcomes ${Object.entries(r.outcomes)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}</p></section>
<section id="charter"><h2>Charter hashes</h2>
${d.pin ? html`<table><tr><th>file</th><th>SHA-256</th></tr>${Object.entries(d.pin.files).map(([f, h]) => html`<tr><td>${f}</td><td><code class="hash">${h}</code></td></tr>`)}</table><p class="muted">pinned ${d.pin.createdAt}${d.pin.acceptedBy ? `, accepted by ${d.pin.acceptedBy}` : ""}</p>` : html`<p class="muted">not pinned yet</p>`}</section>
<section id="progress"><h2>Progress</h2>${progressChart(d.series, "evaluations")}${progressChart(d.series, "time")}</section>
<section id="champions"><h2>Champion history</h2>
<table><tr><th>when</th><th>program</th><th>how</th><th>${d.problem.metric}</th></tr>
${d.champions.map((c) => html`<tr><td>${c.createdAt}</td><td>${c.programId}</td><td>${c.reason}${c.proposalId !== null ? ` (proposal ${c.proposalId})` : ""}</td><td class="n">${num(c.objective)}</td></tr>`)}</table></section>
<section id="proposals"><h2>Proposals</h2>
${d.proposals.length ? d.proposals.map(({ proposal, verdicts, supersededBy }) => html`<h3>Proposal ${proposal.id}</h3>${proposalHtml(proposal, verdicts, null, { supersededBy })}`) : html`<p class="muted">none</p>`}</section>
<section id="best"><h2>Best program against the seed</h2>${diffHtml(d.bestDiff, d.problem.language)}</section>
<section id="spend"><h2>LLM spend</h2>
${d.spend.length ? html`<table><tr><th>model</th><th>calls</th><th>failed</th><th>prompt tokens</th><th>completion tokens</th><th>cost</th></tr>${d.spend.map((m) => html`<tr><td>${m.model}</td><td class="n">${m.calls}</td><td class="n">${m.failed}</td><td class="n">${m.promptTokens}</td><td class="n">${m.completionTokens}</td><td class="n">$${m.cost.toFixed(4)}</td></tr>`)}</table>` : html`<p class="muted">no model calls (gp mutator only)</p>`}</section>
<section id="ledger"><h2>Ledger</h2>
<p>${d.ledger.size} entries, root <code class="hash">${d.ledger.root}</code></p>
${d.ledger.checkpoint ? html`<p>latest signed checkpoint: size ${d.ledger.checkpoint.size}, root <code class="hash">${d.ledger.checkpoint.root}</code>, ${d.ledger.checkpoint.time}, key <code class="hash">${d.ledger.checkpoint.publicKey}</code>, signature <code class="hash">${d.ledger.checkpoint.signature}</code></p>` : ""}
<p>Verify it: <code>steward audit verify ${d.problem.dir}</code></p></section>
</main></body></html>
`;
  return body.value;
}
