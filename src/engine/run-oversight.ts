/** The run's side of oversight: building its Overseer, and ledgering how it ended. */
import type { Ledger } from "../ledger/ledger.ts";
import { Overseer } from "../oversight/overseer.ts";
import type { Problem } from "../problem/load-problem.ts";
import type { Store } from "../store/store.ts";
import type { EvaluatorPool } from "./evaluator-pool.ts";
import type { RunEvent, StopReason } from "./run-events.ts";

export function createRunOverseer(args: {
  problem: Problem;
  store: Store;
  ledger: Ledger;
  runId: number;
  pool: EvaluatorPool;
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
}): Overseer {
  const { problem, signal, pool } = args;
  return new Overseer({
    problem,
    store: args.store,
    ledger: args.ledger,
    runId: args.runId,
    evaluationSeed: 0,
    // Gate evaluations share the evaluator pool with the run's candidates.
    evaluate: (code, options, gateSignal) =>
      pool.evaluate(problem, { code, ...options, signal: gateSignal }),
    signal,
    onProposal: (proposal) =>
      args.emit({
        type: "proposal",
        proposalId: proposal.id,
        programId: proposal.programId,
        status: proposal.status === "open" ? "open" : "blocked",
        failed: (proposal.content.gates as Array<{ gate: string; status: string }>)
          .filter((g) => g.status === "fail" || g.status === "error")
          .map((g) => g.gate),
      }),
  });
}

/** A store from before oversight existed has runs but no champion: the seed becomes it. */
export function adoptSeedAsChampion(
  store: Store,
  overseer: Overseer,
  seedProgramId: number | null,
): void {
  if (seedProgramId === null || overseer.champion() !== null) return;
  const seed = store.listEvaluations(seedProgramId).find((e) => e.outcome === "ok");
  if (seed) overseer.seedEvaluated(seedProgramId, seed);
}

/** How the run ended: its status and stop reason in the store, and ledger entries. */
export function recordRunEnd(
  store: Store,
  ledger: Ledger,
  end: { runId: number; reason: StopReason; message: string; evaluated: number; state: unknown },
): void {
  const { state, ...entry } = end;
  const budgets: StopReason[] = ["max-evals", "max-time", "target", "max-spend"];
  if (budgets.includes(end.reason)) ledger.append("budget-stop", { ...entry });
  ledger.append("run-end", { ...entry });
  const stopped: StopReason[] = ["stop", "stop-now", "charter-changed"];
  store.runs.update(end.runId, {
    status:
      end.reason === "error" ? "failed" : stopped.includes(end.reason) ? "stopped" : "finished",
    // An error's (or a charter change's) own words say more than its reason.
    stopReason:
      end.reason === "error" || end.reason === "charter-changed" ? end.message : end.reason,
    state,
  });
}
