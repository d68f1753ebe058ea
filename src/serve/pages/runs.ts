/**
 * The problem's home page: every run with its status, evaluations, budget
 * used, evaluations per second, outcomes, best, the weakest sandbox level its
 * evaluations ran at (beside the charter's demand) and LLM spend,
 * kept live by server-sent events while a run is going; then the latest run's
 * progress charts. And one run's own page: charts over evaluations and time,
 * the champion history and a link to its population.
 */
import type { Context } from "hono";
import type { Budget } from "../../engine/budget.ts";
import { activeRunPid } from "../../engine/run-files.ts";
import { type Html, html, num } from "../../report/html-text.ts";
import { progressChart } from "../../report/progress-chart.ts";
import { isIsolating } from "../../sandbox/level.ts";
import { page } from "../layout.ts";
import type { ProblemSession, RunView, ServedProblem } from "../served-problem.ts";
import { LIVE_SCRIPT } from "./live-script.ts";

export function problemPage(c: Context, served: ServedProblem, s: ProblemSession): Response {
  const { charter } = s.problem;
  const runs = s.store.runs.list();
  const views = runs.map((r) => served.runView(s, r.id) as RunView);
  const open = s.store.oversight.listProposals("open").length;
  const pid = activeRunPid(s.problem.dir);
  const latest = views.at(-1);
  const body = html`<p>objective <b>${charter.objective.metric}</b> (${charter.objective.direction})${pid ? html`, <span class="status running">running now</span> (pid ${pid})` : ""};
<a href="/p/${s.index}/proposals">${open} open proposal(s)</a></p>
${views.length ? runsTable(s, views) : html`<p class="muted">no runs yet: start one with "steward run"</p>`}
${latest ? html`<h2>Run ${latest.run.id}: progress</h2>${charts(s, latest)}<p><a href="/p/${s.index}/runs/${latest.run.id}">run ${latest.run.id} in detail: champion history and population</a></p>` : ""}`;
  return page(c, {
    title: charter.name,
    problem: { index: s.index, name: charter.name },
    body,
    script: LIVE_SCRIPT,
  });
}

export function runPage(
  c: Context,
  served: ServedProblem,
  s: ProblemSession,
  runId: number,
): Response {
  const view = served.runView(s, runId);
  const name = s.problem.charter.name;
  if (!view) {
    return page(c, {
      title: `no run ${runId}`,
      problem: { index: s.index, name },
      body: html``,
      status: 404,
    });
  }
  const champions = s.store.oversight.champions();
  const snapshot = view.population();
  const body = html`${runsTable(s, [view])}
${charts(s, view)}
<h2>Champion history</h2>
<table><tr><th>when</th><th>program</th><th>how</th><th>${s.problem.charter.objective.metric}</th></tr>
${champions.map((ch) => html`<tr><td>${ch.createdAt}</td><td><a href="/p/${s.index}/programs/${ch.programId}?run=${runId}">program ${ch.programId}</a></td><td>${ch.reason}${ch.proposalId !== null ? html` (<a href="/p/${s.index}/proposals/${ch.proposalId}">proposal ${ch.proposalId}</a>)` : ""}</td><td class="n">${num(ch.objective)}</td></tr>`)}</table>
<h2>Population</h2>
<p>${snapshot.islands.map((i) => html`island ${i.island}: ${i.cells.length} elite(s); `)} ${snapshot.migrations} migration(s).
<a href="/p/${s.index}/runs/${runId}/population">MAP-Elites grids</a></p>`;
  return page(c, {
    title: `Run ${runId}`,
    problem: { index: s.index, name },
    body,
    script: LIVE_SCRIPT,
  });
}

function charts(s: ProblemSession, view: RunView): Html {
  const champions = s.store.oversight.champions();
  const series = view.series(champions);
  return html`${progressChart(series, "evaluations")}${progressChart(series, "time")}`;
}

function runsTable(s: ProblemSession, views: readonly RunView[]): Html {
  const rows = views.map((view) => {
    const r = {
      ...view.report(),
      status: view.run.status,
      stopReason: view.run.stopReason,
      elapsedMs: view.run.elapsedMs,
    };
    const budget = (view.run.config.budget ?? {}) as Partial<Budget>;
    const perSecond = r.elapsedMs > 0 ? r.evaluated / (r.elapsedMs / 1000) : 0;
    const levels = view.sandbox();
    const spend = s.store.llm.spendByModel(r.id);
    const id = `run-${r.id}`;
    return html`<tr data-run="${r.id}">
<td><a href="/p/${s.index}/runs/${r.id}">${r.id}</a></td>
<td><span class="status ${r.status}" data-live="${id}-status">${r.status}</span>${r.stopReason ? ` (${r.stopReason})` : ""}</td>
<td class="n"><span data-live="${id}-evaluated">${r.evaluated}</span>${budget.maxEvals ? ` / ${budget.maxEvals}` : ""}</td>
<td class="n">${Math.round(r.elapsedMs / 1000)} s${budget.maxTimeMs ? ` / ${Math.round(budget.maxTimeMs / 1000)} s` : ""}</td>
<td class="n">${num(Math.round(perSecond * 100) / 100)}</td>
<td>${Object.entries(r.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}</td>
<td class="n">${num(r.seedObjective)} &rarr; ${r.best ? html`<a href="/p/${s.index}/programs/${r.best.programId}?run=${r.id}">${num(r.best.objective)}</a>` : "-"}</td>
<td data-sandbox="${levels.weakest ?? ""}">${levels.weakest ? html`<span class="status ${isIsolating(levels.weakest) ? "pass" : "blocked"}">${levels.weakest}</span>${levels.used.length > 1 ? html` <span class="muted">(also ${levels.used.filter((l) => l !== levels.weakest).join(", ")})</span>` : ""}` : "-"}<br><span class="muted">charter: ${s.problem.charter.sandbox}</span></td>
<td>${spend.length ? spend.map((m) => html`${m.model}: ${m.calls} call(s), $${m.cost.toFixed(4)}<br>`) : "-"}</td></tr>`;
  });
  return html`<table class="runs"><tr><th>run</th><th>status</th><th>evaluated / budget</th><th>time / budget</th><th>evals/s</th><th>outcomes</th><th>seed &rarr; best</th><th title="the weakest sandbox level any evaluation of the run used, and what the charter demands">weakest sandbox</th><th>LLM spend</th></tr>${rows}</table>`;
}
