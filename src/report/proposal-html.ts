/**
 * One proposal as HTML, the same on the dashboard's proposal page and in the
 * static report: objective, content hash, metrics side by side, every gate
 * with its evidence, rationale, warnings, verdicts and the diff against the
 * champion. Every value a candidate or model could influence goes through
 * `html`, so it is shown, never interpreted.
 */
import { type ApprovalState, metricTable } from "../oversight/approval-state.ts";
import type { ProposalContent } from "../oversight/proposal-content.ts";
import type { ProposalRecord, VerdictRecord } from "../store/oversight-store.ts";
import { diffHtml } from "./diff-html.ts";
import { languageOf } from "./highlight.ts";
import { type Html, html, num } from "./html-text.ts";

export interface ProposalHtmlOptions {
  /** Where a program id links to (the dashboard's program page); none in a report. */
  programHref?: (id: number) => string;
  /** The proposal that supersedes this one (supersede.ts), if any. */
  supersededBy?: number;
}

/** Status and objective; `supersededBy`: the proposal that supersedes it (supersede.ts), if any. */
export function proposalSummary(p: ProposalRecord, supersededBy?: number): Html {
  const o = (p.content as ProposalContent).objective;
  const status = supersededBy === undefined ? p.status : `superseded by #${supersededBy}`;
  return html`<span class="status ${supersededBy === undefined ? p.status : "superseded"}">${status}</span> ${o.metric}: ${num(o.champion)} &rarr; <b>${num(o.candidate)}</b>`;
}

export function proposalHtml(
  p: ProposalRecord,
  verdicts: readonly VerdictRecord[],
  approvals: ApprovalState | null,
  options: ProposalHtmlOptions = {},
): Html {
  const c = p.content as ProposalContent;
  const link = (id: number) =>
    options.programHref
      ? html`<a href="${options.programHref(id)}">program ${id}</a>`
      : html`program ${id}`;
  const metrics = metricTable(c.metrics).map(
    (m) =>
      html`<tr><td>${m.name}</td><td class="n">${num(m.champion)}</td><td class="n">${num(m.candidate)}</td></tr>`,
  );
  const gates = (c.gates ?? []).map(
    (g) =>
      html`<tr><td>${g.gate}</td><td><span class="status ${g.status}">${g.status}</span></td><td>${g.summary}${g.evidence ? html`<details><summary>evidence</summary><pre>${JSON.stringify(g.evidence, null, 2)}</pre></details>` : ""}</td></tr>`,
  );
  const warnings = c.warnings ?? [];
  return html`<section class="proposal">
<p>${proposalSummary(p, options.supersededBy)}${c.needsExtraApproval ? html` <span class="status blocked">implausible gain: needs one extra approval</span>` : ""}</p>
<p>${link(p.programId)} against champion ${link(p.championProgramId)}, made by ${c.mutator} (${c.operator})${p.runId !== null ? ` in run ${p.runId}` : ""}; lineage ${(c.lineage ?? []).map((id, i) => html`${i ? " \u2190 " : ""}${link(id)}`)}</p>
<p>content hash <code class="hash">${p.contentHash}</code></p>
<h3>Metrics</h3>
<table><tr><th>metric</th><th>champion</th><th>proposal</th></tr>${metrics}</table>
<h3>Gates</h3>
<table class="gates"><tr><th>gate</th><th>status</th><th>result</th></tr>${gates}</table>
<h3>Rationale</h3>
<pre class="wrap">${c.rationale ?? "(none: the gp mutator gives none)"}</pre>
${warnings.length ? html`<h3>Warnings</h3><ul class="warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ""}
<h3>Verdicts</h3>
${verdicts.length ? html`<ul>${verdicts.map((v) => html`<li><span class="status ${v.verdict}">${v.verdict}</span> by ${v.approver} (<code>${v.publicKey.slice(0, 20)}...</code>) ${v.createdAt}${v.message ? html`: ${v.message}` : ""}</li>`)}</ul>` : html`<p class="muted">none yet</p>`}
${approvals ? html`<p>approvals ${approvals.approvedBy.length}/${approvals.needed}${approvals.allowed ? " \u2013 ready to deploy" : html` \u2013 ${approvals.reason}`}</p>` : ""}
<h3>Diff against the champion</h3>
${diffHtml(c.diff, languageOf(/^\+\+\+ (.*)$/m.exec(c.diff)?.[1] ?? ""))}
</section>`;
}
