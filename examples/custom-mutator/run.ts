/**
 * Evolves the line with the nudge mutator through the library API:
 *
 *   npx tsx examples/custom-mutator/run.ts [--evaluations N]
 *
 * Prints each new best, then the run's summary. The run is recorded in
 * examples/custom-mutator/.steward like any `steward run`.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { evolve } from "steward";
import { nudgeMutator } from "./nudge-mutator.ts";

const { values } = parseArgs({ options: { evaluations: { type: "string", default: "60" } } });
const dir = fileURLToPath(new URL(".", import.meta.url));
const run = evolve(dir, {
  mutators: [nudgeMutator()],
  budget: { maxEvals: Number(values.evaluations) },
  workers: 2,
  seed: 1,
});
run.on("best", (e) =>
  console.log(`new best: mse ${e.objective.toFixed(4)} (program ${e.programId})`),
);
const summary = await run.done;
console.log(summary.message);
