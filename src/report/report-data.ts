/**
 * What `steward report` puts in a report, gathered from the store: the
 * problem, the pinned charter files' hashes, one run's progress and its best
 * program's diff against the seed, the champion history, every proposal with
 * its gates and verdicts, LLM spend, and the ledger's root and latest signed
 * checkpoint. Plain data; `report-html.ts` and `report-markdown.ts` render it.
 */
import { type RunReport, reportRun } from "../engine/run-report.ts";
import { StewardError } from "../errors.ts";
import { Ledger } from "../ledger/ledger.ts";
import { unifiedDiff } from "../oversight/diff.ts";
import { supersededProposals } from "../oversight/supersede.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { CheckpointRow } from "../store/ledger-store.ts";
import type { ModelSpend } from "../store/llm-store.ts";
import type {
  ChampionRecord,
  PinRecord,
  ProposalRecord,
  VerdictRecord,
} from "../store/oversight-store.ts";
import type { Store } from "../store/store.ts";
import { languageOf } from "./highlight.ts";
import { type ProgressSeries, progressSeries } from "./progress-series.ts";

export interface ReportData {
  problem: {
    name: string;
    dir: string;
    metric: string;
    direction: string;
    /** The program's language for highlighting (highlight.js name), null: plain. */
    language: string | null;
  };
  generatedAt: string;
  pin: PinRecord | null;
  run: RunReport;
  series: ProgressSeries;
  champions: ChampionRecord[];
  proposals: Array<{
    proposal: ProposalRecord;
    verdicts: VerdictRecord[];
    /** The proposal that supersedes it (supersede.ts), if any. */
    supersededBy?: number;
  }>;
  bestDiff: string;
  spend: ModelSpend[];
  ledger: { size: number; root: string; checkpoint: CheckpointRow | null };
}

export function reportData(problem: Problem, store: Store, runId?: number): ReportData {
  const run = runId === undefined ? store.runs.latest() : store.runs.get(runId);
  if (!run) {
    const ids = store.runs.list().map((r) => r.id);
    throw new StewardError(
      "not-found",
      runId === undefined
        ? `${problem.dir} has no runs yet: start one with "steward run ${problem.dir}"`
        : `there is no run ${runId}${ids.length ? `; runs: ${ids.join(", ")}` : ""}`,
    );
  }
  const candidates = store.runs.candidates(run.id);
  const summary = reportRun(run, candidates, problem.charter);
  const champions = store.oversight.champions();
  const superseded = supersededProposals(store, problem.charter.objective.direction);
  const seedId = candidates.find((c) => c.parentId === null)?.programId;
  const seed = seedId === undefined ? undefined : store.getProgram(seedId);
  const best = summary.best ? store.getProgram(summary.best.programId) : undefined;
  const ledger = new Ledger(store, problem.dir);
  return {
    problem: {
      name: problem.charter.name,
      dir: problem.dir,
      metric: problem.charter.objective.metric,
      language: languageOf(problem.programPath),
      direction: problem.charter.objective.direction,
    },
    generatedAt: new Date().toISOString(),
    pin: store.oversight.latestPin() ?? null,
    run: summary,
    series: progressSeries(candidates, champions, problem.charter),
    champions,
    proposals: store.oversight
      .listProposals()
      .filter((p) => p.runId === run.id || p.runId === null)
      .map((proposal) => ({
        proposal,
        verdicts: store.oversight.verdicts(proposal.id),
        supersededBy: superseded.get(proposal.id),
      })),
    bestDiff:
      seed && best && seed.id !== best.id
        ? unifiedDiff(seed.code, best.code, {
            oldName: `seed/program ${seed.id}`,
            newName: `best/program ${best.id}`,
          })
        : "",
    spend: store.llm.spendByModel(run.id),
    ledger: {
      size: ledger.size(),
      root: ledger.root(),
      checkpoint: store.ledger.checkpoints().at(-1) ?? null,
    },
  };
}
