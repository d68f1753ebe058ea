/**
 * A run's population: per island its MAP-Elites grid as a heat map over the
 * first two feature dimensions (darker is fitter; each cell links to its
 * program), and the island sizes. With one dimension the grid is one row.
 */
import type { Context } from "hono";
import { objectiveOf } from "../../evaluation/fitness.ts";
import type { FeatureDimension } from "../../population/types.ts";
import { html, num } from "../../report/html-text.ts";
import { page } from "../layout.ts";
import type { ProblemSession, ServedProblem } from "../served-problem.ts";

export function populationPage(
  c: Context,
  served: ServedProblem,
  s: ProblemSession,
  runId: number,
): Response {
  const problem = { index: s.index, name: s.problem.charter.name };
  const view = served.runView(s, runId);
  if (!view) return page(c, { title: `no run ${runId}`, problem, body: html``, status: 404 });
  const snapshot = view.population();
  const dims = (
    (view.run.config.population as { dimensions?: FeatureDimension[] } | undefined)?.dimensions ??
    []
  ).slice(0, 2);
  const [x, y] = [dims[0], dims[1]];
  const fitness = snapshot.islands.flatMap((i) => i.cells.map((cell) => cell.fitness));
  const lo = Math.min(...fitness);
  const hi = Math.max(...fitness);
  const grids = snapshot.islands.map((island) => {
    const byCell = new Map(
      island.cells.map((cell) => [cell.cell.split(",").slice(0, 2).join(","), cell]),
    );
    const rows = Array.from({ length: y?.bins ?? 1 }, (_, row) => {
      const r = (y?.bins ?? 1) - 1 - row;
      const cells = Array.from({ length: x?.bins ?? 1 }, (_, col) => {
        const key = [x ? col : null, y ? r : null].filter((v) => v !== null).join(",");
        const cell = byCell.get(key);
        if (!cell) return html`<td></td>`;
        const t = hi > lo ? (cell.fitness - lo) / (hi - lo) : 1;
        const light = Math.round(90 - t * 60);
        const score = objectiveOf(cell.fitness, s.problem.charter);
        return html`<td style="background:hsl(215,80%,${light}%)"><a href="/p/${s.index}/programs/${cell.id}?run=${runId}" title="program ${cell.id}: ${s.problem.charter.objective.metric} ${num(score)}, ${cell.children} children"></a></td>`;
      });
      return html`<tr>${cells}</tr>`;
    });
    return html`<div class="island"><h2>Island ${island.island}: ${island.cells.length} elite(s)</h2><table class="grid">${rows}</table></div>`;
  });
  const axes = dims.length
    ? dims
        .map(
          (d, i) =>
            `${i ? "rows (up)" : "columns"}: ${d.name} ${d.min}..${d.max} in ${d.bins} bins`,
        )
        .join("; ")
    : "one cell per island";
  const body = html`<p>${axes}. Darker cells are fitter. ${snapshot.added} additions, ${snapshot.migrations} migration(s).</p><div class="islands">${grids}</div>`;
  return page(c, { title: `Run ${runId}: population`, problem, body });
}
