/**
 * Crash bench: `npm run bench:crash -- [--kills N] [--max-evals N]
 * [--workers N] [--seed N] [--verbose]`. SIGKILLs `steward run` on
 * examples/symbolic-regression at random moments (default 200 kills), checks the
 * store's invariants after every kill (test/fault/crash-invariants.ts), then
 * lets the last run finish, and prints what it took. Exits 1 if any invariant
 * broke.
 */
import { parseArgs } from "node:util";
import { killLoop } from "../test/fault/kill-loop.ts";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "200" },
    "max-evals": { type: "string", default: "60" },
    workers: { type: "string", default: "2" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    verbose: { type: "boolean", default: false },
  },
});

const options = {
  kills: Number(values.kills),
  maxEvals: Number(values["max-evals"]),
  workers: Number(values.workers),
  seed: Number(values.seed),
};
for (const [name, value] of Object.entries(options)) {
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`bench-crash: --${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
}

console.log(
  `bench-crash: ${options.kills} kills of "steward run --max-evals ${options.maxEvals} --workers ${options.workers}", seed ${options.seed}`,
);
const report = await killLoop({
  ...options,
  log: values.verbose ? (line) => console.log(`  ${line}`) : undefined,
});
const rows: [string, string | number][] = [
  ["kills", report.kills],
  ["  in start-up", report.startupKills],
  ["  with evaluations in flight", report.inFlightKills],
  ["  with the checkpoint file lagging", report.lagKills],
  ["runs completed between kills", report.completions],
  ["rounds (fresh copies)", report.rounds],
  ["invariant checks passed", `${report.checksPassed}/${report.checks}`],
  ["evaluations acknowledged", report.evaluations],
  ["time", `${report.seconds.toFixed(1)} s`],
  ["evaluations per second", (report.evaluations / report.seconds).toFixed(2)],
  ["kills per second", (report.kills / report.seconds).toFixed(2)],
  ["longest wait for processes to go", `${report.maxGraceMs} ms`],
  [
    "final run",
    `exit ${report.final.exitCode}, ${report.final.resumed ? "resumed" : "not resumed"}, ${report.final.status}, ${report.final.acknowledged}/${options.maxEvals} evaluations`,
  ],
];
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
if (report.violations.length > 0) {
  console.log(`\n${report.violations.length} violation(s):`);
  for (const violation of report.violations) console.log(`  ${violation}`);
  process.exit(1);
}
