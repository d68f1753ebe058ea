/**
 * `npm run redteam`: runs the red-team corpora (JS and Python) at each sandbox
 * level (bubblewrap, namespace, process), prints one line per attack and
 * `N passed, M failed` per language and level, then a table of all of them.
 * Exits 1 if any attack got through at a level that must hold it (a KNOWN
 * weakness of the process level is reported, not failed).
 * Options: REDTEAM_LANGUAGES=js,python; REDTEAM_LEVELS=bubblewrap,namespace,process;
 * REDTEAM_ONLY=name,name to run a few; REDTEAM_CONCURRENCY (default 3, and 1 at
 * the process level, where breaches happen: one attack per wave pins each
 * breach seen after a wave on the attack that made it).
 */
import type { Attack } from "./attack.ts";
import { CORPUS } from "./corpus/index.ts";
import { PYTHON_CORPUS } from "./corpus/python.ts";
import { reportLine, summaryLines, tableLines } from "./report.ts";
import { type CorpusRun, runCorpus } from "./run-corpus.ts";
import type { RedteamLanguage } from "./world.ts";

const list = (value: string | undefined, all: string[]) => value?.split(",").filter(Boolean) ?? all;
const languages = list(process.env.REDTEAM_LANGUAGES, ["js", "python"]) as RedteamLanguage[];
const levels = list(process.env.REDTEAM_LEVELS, ["bubblewrap", "namespace", "process"]);
const only = process.env.REDTEAM_ONLY?.split(",").filter(Boolean);
const corpora: Record<RedteamLanguage, Attack[]> = { js: CORPUS, python: PYTHON_CORPUS };

const runs: CorpusRun[] = [];
for (const language of languages) {
  const corpus = corpora[language];
  const attacks = only ? corpus.filter((a) => only.includes(a.name)) : corpus;
  for (const level of levels) {
    const started = performance.now();
    console.log(
      `\nred team ${language} at ${level}: ${attacks.length} attacks, policy scan off, ${new Date().toISOString().slice(0, 10)}`,
    );
    const run = await runCorpus(attacks, {
      language,
      level,
      concurrency: Number(process.env.REDTEAM_CONCURRENCY ?? (level === "process" ? 1 : 3)),
      onReport: (report) => console.log(reportLine(report)),
    });
    runs.push(run);
    if (run.unavailable) {
      console.log(`not run: ${run.unavailable}`);
      continue;
    }
    console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
    for (const line of summaryLines(run.reports)) console.log(`${language} ${level}: ${line}`);
  }
}
console.log("");
for (const line of tableLines(runs)) console.log(line);
process.exitCode = runs.some((run) => run.reports.some((r) => r.status === "FAIL")) ? 1 : 0;
