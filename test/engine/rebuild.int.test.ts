/** The population rebuilt from the store equals the one the live run ended with. */
import { afterAll, describe, expect, it } from "vitest";
import { evolve } from "../../src/engine/evolve.ts";
import { RunState } from "../../src/engine/run-state.ts";
import { populationConfig } from "../../src/population/config.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { copyExample } from "../helpers/run-cli.ts";

const copy = copyExample("symbolic-regression");
afterAll(() => copy.remove());

describe("rebuild", () => {
  it("replays a two-worker run into the same population, child counts included", async () => {
    const problem = loadProblem(copy.dir);
    const config = { islands: 2, migrationInterval: 10 };
    const summary = await evolve(problem, {
      budget: { maxEvals: 60 },
      workers: 2,
      seed: 5,
      population: config,
    });
    expect(summary.stats.evaluated).toBe(60);
    const store = openProblemStore(copy.dir);
    const rebuilt = RunState.rebuild(
      problem.charter,
      populationConfig(config),
      store.runs.candidates(summary.runId),
    );
    store.close();
    expect(summary.population.migrations).toBeGreaterThan(0);
    expect(rebuilt.population.snapshot()).toEqual(summary.population);
  });
});
