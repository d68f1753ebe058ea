/**
 * Scores First Fit, Best Fit and a program on the test sets (the paper's OR3
 * and Weibull 5k, and a capacity-500 Weibull set) and prints them next to
 * Table 1 of the FunSearch paper.
 *
 *   npx tsx examples/bin-packing/score-test-sets.ts [PROGRAM_FILE]
 *
 * PROGRAM_FILE defaults to program.ts. Every program, baselines included, is
 * scored through Steward's sandboxed evaluation: it may be AI-written. Exits 1
 * if any evaluation does not end ok.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import type { EvaluationOutcome } from "../../src/evaluation/outcome.ts";
import { loadProblem } from "../../src/problem/load-problem.ts";

interface Row {
  name: string;
  or3: string;
  weibull5k: string;
  paperOr3: string;
  paperWeibull5k: string;
  weibull500: string;
}

const dir = import.meta.dirname;
const programFile = resolve(process.argv[2] ?? join(dir, "program.ts"));

/** Table 1 of the FunSearch paper (FunSearch's own row is printed as is). */
const PAPER: Record<string, { or3: string; weibull5k: string }> = {
  "First Fit": { or3: "5.74%", weibull5k: "4.23%" },
  "Best Fit": { or3: "5.37%", weibull5k: "3.98%" },
};

const percent = (value: number | undefined): string =>
  value === undefined ? "?" : `${(value * 100).toFixed(2)}%`;

function describeFailure(name: string, outcome: EvaluationOutcome): string {
  const reason = outcome.error ? `${outcome.error.source}: ${outcome.error.message}` : "no error";
  return `${name}: ${outcome.outcome} (${reason})`;
}

function printTable(rows: readonly Row[]): void {
  const header = [
    "heuristic",
    "OR3",
    "Weibull 5k",
    "paper OR3",
    "paper Weibull 5k",
    "Weibull cap 500",
  ];
  const cells = rows.map((row) => [
    row.name,
    row.or3,
    row.weibull5k,
    row.paperOr3,
    row.paperWeibull5k,
    row.weibull500,
  ]);
  const widths = header.map((title, k) =>
    Math.max(title.length, ...cells.map((c) => c[k]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, k) => (k === 0 ? value.padEnd(widths[k] ?? 0) : value.padStart(widths[k] ?? 0)))
      .join("  ");
  console.log(line(header));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of cells) console.log(line(row));
}

const problem = await loadProblem(dir);
const failures: string[] = [];

/** Scores one program file in the sandbox on the "test" split. */
async function score(name: string, file: string): Promise<Row> {
  const code = readFileSync(file, "utf8");
  const outcome = await evaluateProgram(problem, { code, mode: "search", split: "test" });
  if (outcome.outcome !== "ok") failures.push(describeFailure(name, outcome));
  const paper = PAPER[name];
  return {
    name,
    or3: percent(outcome.metrics?.excess_or3),
    weibull5k: percent(outcome.metrics?.excess_weibull5k),
    paperOr3: paper?.or3 ?? "-",
    paperWeibull5k: paper?.weibull5k ?? "-",
    weibull500: percent(outcome.metrics?.excess_weibull500),
  };
}

printTable([
  await score("First Fit", join(dir, "baselines", "first-fit.ts")),
  await score("Best Fit", join(dir, "baselines", "best-fit.ts")),
  {
    name: "FunSearch",
    or3: "-",
    weibull5k: "-",
    paperOr3: "3.11%",
    paperWeibull5k: "0.68%",
    weibull500: "-",
  },
  await score(relative(process.cwd(), programFile), programFile),
]);
console.log(
  "\nExcess over the L1 bound, lower is better. Paper: FunSearch, Nature 2023, Table 1. Weibull cap 500: 5 x 5,000 items, Weibull(45, 3), capacity 500 (lib/families.ts, WEIBULL500_TEST).",
);
if (failures.length > 0) {
  console.error(`\n${failures.length} evaluation(s) did not end ok:\n${failures.join("\n")}`);
  process.exitCode = 1;
}
