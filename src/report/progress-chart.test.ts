import { describe, expect, it } from "vitest";
import { progressChart } from "./progress-chart.ts";
import type { ProgressSeries } from "./progress-series.ts";

function series(medians: number[]): ProgressSeries {
  return {
    direction: "minimize",
    metric: "error",
    champions: [],
    points: medians.map((median, i) => ({
      evaluations: (i + 1) * 10,
      timeMs: (i + 1) * 1000,
      best: 1 - i * 0.01,
      median,
    })),
  };
}

describe("the progress chart", () => {
  it("frames the best line and the usual medians; a wild median is clipped, not the scale", () => {
    const calm = Array.from({ length: 20 }, (_, i) => 1.2 + (i % 3) * 0.1);
    const wild = progressChart(
      series([...calm.slice(0, 10), 500, ...calm.slice(10)]),
      "evaluations",
    ).value;
    expect(wild).toContain("(clipped at the frame)");
    expect(wild).not.toContain(">500<"); // the top tick is not the outlier
    const plain = progressChart(series(calm), "evaluations").value;
    expect(plain).not.toContain("clipped");
    expect(plain).toContain(">1.4<"); // the top tick is the largest usual median
  });
});
