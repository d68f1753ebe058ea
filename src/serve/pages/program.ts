/**
 * One program: its code (hidden characters marked) and its lineage as a tree,
 * from the program up through its parents (and the inspiration it was crossed
 * with), each node with the mutator and operator that made it and its
 * objective's change from its parent.
 */
import type { Context } from "hono";
import { objectiveOf } from "../../evaluation/fitness.ts";
import { codeHtml } from "../../report/diff-html.ts";
import { languageOf } from "../../report/highlight.ts";
import { type Html, html, num } from "../../report/html-text.ts";
import type { CandidateRecord } from "../../store/run-store.ts";
import { page } from "../layout.ts";
import type { ProblemSession, RunView, ServedProblem } from "../served-problem.ts";

/** Ancestors shown at most: deep runs still render fast. */
const MAX_DEPTH = 40;

export function programPage(
  c: Context,
  served: ServedProblem,
  s: ProblemSession,
  id: number,
  runId: number | null,
): Response {
  const problem = { index: s.index, name: s.problem.charter.name };
  const program = s.store.getProgram(id);
  if (!program) return page(c, { title: `no program ${id}`, problem, body: html``, status: 404 });
  const run = runId ?? s.store.runs.latest()?.id ?? null;
  const view = run === null ? undefined : served.runView(s, run);
  const body = html`<p>hash <code class="hash">${program.hash}</code>, origin ${program.origin}, stored ${program.createdAt}</p>
<h2>Lineage${view ? ` in run ${view.run.id}` : ""}</h2>
<div class="lineage"><ul>${node(s, view, id, 0)}</ul></div>
<h2>Code</h2>${codeHtml(program.code, languageOf(s.problem.programPath))}`;
  return page(c, { title: `Program ${id}`, problem, body });
}

function objective(s: ProblemSession, c: CandidateRecord | undefined): number | null {
  return c?.fitness === null || c === undefined ? null : objectiveOf(c.fitness, s.problem.charter);
}

function node(s: ProblemSession, view: RunView | undefined, id: number, depth: number): Html {
  const here = view?.byProgram.get(id);
  const parents = s.store.getProgram(id)?.parentIds ?? [];
  const score = objective(s, here);
  const parentScore = objective(
    s,
    parents[0] === undefined ? undefined : view?.byProgram.get(parents[0]),
  );
  const delta = score !== null && parentScore !== null ? score - parentScore : null;
  const label = html`<a href="/p/${s.index}/programs/${id}${view ? `?run=${view.run.id}` : ""}">program ${id}</a>
${here ? ` ${here.mutator}/${here.operator}, ${s.problem.charter.objective.metric} ${num(score)}` : ""}${delta !== null ? ` (${delta >= 0 ? "+" : ""}${num(delta)})` : ""}`;
  if (parents.length === 0) return html`<li>${label}</li>`;
  if (depth >= MAX_DEPTH)
    return html`<li>${label} <span class="muted">(older ancestors not shown)</span></li>`;
  return html`<li>${label}<ul>${parents.map((p, i) => html`${i ? html`<li class="muted">crossed with:</li>` : ""}${node(s, view, p, depth + 1)}`)}</ul></li>`;
}
