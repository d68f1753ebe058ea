/**
 * The progress chart as inline SVG, the same in `steward serve` and in
 * `steward report`: best and median objective against evaluations or time,
 * the champion's value as a step line and each deploy or rollback as a marked
 * vertical line. Hand-drawn SVG (a few paths and labels) needs no script, no
 * library and no network, so a report file stays self-contained.
 */
import { type Html, html, num, trusted } from "./html-text.ts";
import type { ProgressPoint, ProgressSeries } from "./progress-series.ts";

const W = 640;
const H = 240;
const M = { left: 64, right: 16, top: 16, bottom: 36 };

export type ChartAxis = "evaluations" | "time";

export function progressChart(series: ProgressSeries, axis: ChartAxis): Html {
  const { points } = series;
  const xOf = (p: { evaluations: number; timeMs: number }) =>
    axis === "evaluations" ? p.evaluations : p.timeMs;
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const core = [...points.map((p) => p.best), ...series.champions.map((c) => c.objective)].filter(
    finite,
  );
  // A few wild candidates must not flatten the lines that matter: the frame holds
  // the best and champion lines and the middle 80% of the medians; the rest is clipped.
  const medians = points.map((p) => p.median).filter(finite);
  const [low, high] = [quantile(medians, 0.1), quantile(medians, 0.9)];
  const values = [...core, ...medians.filter((m) => m >= low && m <= high)];
  const clipped = medians.some((m) => m < Math.min(...values) || m > Math.max(...values));
  const title = `${series.metric} (${series.direction}) over ${axis}`;
  if (points.length === 0 || values.length === 0) {
    return html`<figure class="chart"><figcaption>${title}</figcaption><p class="muted">nothing evaluated yet</p></figure>`;
  }
  const xMax = Math.max(1, ...points.map(xOf));
  let yMin = Math.min(...values);
  let yMax = Math.max(...values);
  if (yMin === yMax) {
    yMin -= Math.abs(yMin) * 0.05 || 1;
    yMax += Math.abs(yMax) * 0.05 || 1;
  }
  const sx = (x: number) => M.left + (x / xMax) * (W - M.left - M.right);
  const sy = (y: number) =>
    H -
    M.bottom -
    ((Math.min(yMax, Math.max(yMin, y)) - yMin) / (yMax - yMin)) * (H - M.top - M.bottom);
  const line = (pick: (p: ProgressPoint) => number | null) =>
    points
      .filter((p) => pick(p) !== null)
      .map((p, i) => `${i ? "L" : "M"}${sx(xOf(p)).toFixed(1)},${sy(pick(p) as number).toFixed(1)}`)
      .join("");
  const champion = championSteps(series, xOf, xMax, sx, sy);
  const marks = series.champions
    .filter((c) => c.reason !== "seed")
    .map((c) => {
      const x = sx(xOf(c)).toFixed(1);
      return html`<g class="deploy"><line x1="${x}" x2="${x}" y1="${M.top}" y2="${H - M.bottom}"/><text x="${x}" y="${M.top + 10}">${c.reason === "deploy" ? `deploy #${c.proposalId ?? "?"}` : "rollback"}</text></g>`;
    });
  const xLabel = (x: number) => (axis === "evaluations" ? num(x) : seconds(x));
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
<rect class="frame" x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}"/>
<text class="tick" x="${M.left - 4}" y="${M.top + 4}" text-anchor="end">${num(yMax)}</text>
<text class="tick" x="${M.left - 4}" y="${H - M.bottom}" text-anchor="end">${num(yMin)}</text>
<text class="tick" x="${M.left}" y="${H - M.bottom + 16}">0</text>
<text class="tick" x="${W - M.right}" y="${H - M.bottom + 16}" text-anchor="end">${xLabel(xMax)}</text>
<text class="tick" x="${(W + M.left) / 2}" y="${H - 4}" text-anchor="middle">${axis}</text>
${champion ? trusted(`<path class="champion" d="${champion}"/>`) : ""}
<path class="median" d="${line((p) => p.median)}"/>
<path class="best" d="${line((p) => p.best)}"/>
${marks}
</svg>
<div class="legend"><span class="best">best</span> <span class="median">median of each step${clipped ? " (clipped at the frame)" : ""}</span> <span class="champion">champion</span> <span class="deploy">deploy / rollback</span></div>
</figure>`;
}

/** The champion's objective as a step line from each change to the next. */
function championSteps(
  series: ProgressSeries,
  xOf: (p: { evaluations: number; timeMs: number }) => number,
  xMax: number,
  sx: (x: number) => number,
  sy: (y: number) => number,
): string {
  const steps = series.champions.filter((c) => c.objective !== null);
  return steps
    .map((c, i) => {
      const next = steps[i + 1];
      const x1 = sx(i === 0 ? 0 : xOf(c)).toFixed(1);
      const x2 = sx(next ? xOf(next) : xMax).toFixed(1);
      const y = sy(c.objective as number).toFixed(1);
      return `M${x1},${y}H${x2}`;
    })
    .join("");
}

/** "42 s", "12 min", "3.5 h": the time axis's end. */
function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${num(Math.round(s * 10) / 10)} s`;
  if (s < 7200) return `${num(Math.round(s / 6) / 10)} min`;
  return `${num(Math.round(s / 360) / 10)} h`;
}

/** The q-quantile of `values` (nearest rank); NaN for none. */
function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
