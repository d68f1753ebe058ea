/**
 * Scores a circle packing program in the sandbox and prints its sum of radii
 * next to the published references, with 10 decimals.
 *
 *   npx tsx examples/circle-packing/score.ts [PROGRAM_FILE]
 *
 * PROGRAM_FILE defaults to program.ts. Exits 1 if the evaluation is not ok.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";
import { REFERENCES, tenDecimals } from "./lib/references.ts";

const dir = import.meta.dirname;
const file = resolve(process.argv[2] ?? join(dir, "program.ts"));
const problem = loadProblem(dir);
const outcome = await evaluateProgram(problem, { code: readFileSync(file, "utf8"), split: "test" });
const sum = outcome.metrics?.sum_radii;
const rows = [
  ...REFERENCES.map((r) => [r.name, tenDecimals(r.sum), r.note]),
  [
    relative(process.cwd(), file),
    tenDecimals(sum),
    `${outcome.outcome}, smallest gap ${outcome.metrics?.min_gap ?? "-"}`,
  ],
];
const width = Math.max(...rows.map((row) => (row[0] ?? "").length));
for (const row of rows) console.log(`${(row[0] ?? "").padEnd(width)}  ${row[1]}  ${row[2]}`);
if (outcome.outcome !== "ok") {
  console.error(`${file}: ${outcome.outcome} (${outcome.error?.message ?? "no error"})`);
  process.exitCode = 1;
}
