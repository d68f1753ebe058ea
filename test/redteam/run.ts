/**
 * `npm run redteam`: runs the red-team corpus, prints one line per attack and
 * a summary, and exits 1 if any attack got through.
 * Options: REDTEAM_CONCURRENCY (default 3), REDTEAM_ONLY=name,name to run a few.
 */
import { detectSandbox } from "../../src/sandbox/detect.ts";
import { CORPUS } from "./corpus/index.ts";
import { reportLine, summaryLines } from "./report.ts";
import { runCorpus } from "./run-corpus.ts";

const only = process.env.REDTEAM_ONLY?.split(",").filter(Boolean);
const attacks = only ? CORPUS.filter((a) => only.includes(a.name)) : CORPUS;
const started = performance.now();
console.log(
  `red team: ${attacks.length} attacks, sandbox level ${detectSandbox().report.level}, policy scan off, ${new Date().toISOString().slice(0, 10)}`,
);
const run = await runCorpus(attacks, {
  concurrency: Number(process.env.REDTEAM_CONCURRENCY ?? 3),
  onReport: (report) => console.log(reportLine(report)),
});
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
for (const line of summaryLines(run.reports)) console.log(line);
process.exitCode = run.reports.some((r) => r.status === "FAIL") ? 1 : 0;
