/**
 * Checks every attack gets: no canary secret in any stored outcome (stdout,
 * stderr, log, metrics, error, artifacts, warnings), each evaluation within its
 * limit plus a margin, and the expected outcomes. Plus the judges that attacks
 * share: forged scores must not be accepted.
 */
import type { EvaluationOutcome } from "../../src/evaluation/outcome.ts";
import type { Attack, AttackResult, Check } from "./attack.ts";
import { SECRETS, type World } from "./world.ts";

/** What an attack prints when a step of it got through. */
export const PWNED = "PWNED";

/**
 * What the machine may add on top of a limit: process start, kill, and
 * reporting. Starting the evaluator process alone took 4-5 s at a load
 * average of 12 on 2 cores, so the margin is wide: this check catches an
 * evaluation that outlives its limit by far (a runaway the timeout missed),
 * while the expected `timeout` outcome proves the cut.
 */
export const MARGIN_MS = 3_000;

export function wallLimitMs(evalTimeoutMs: number): number {
  return 3 * evalTimeoutMs + MARGIN_MS;
}

/** The distinctive tail of each secret: leaking part of one counts. */
const TAILS = Object.entries(SECRETS).map(([name, value]) => ({
  name,
  tail: value.slice(-10),
}));

export function commonChecks(attack: Attack, result: AttackResult, world: World): Check[] {
  const checks: Check[] = [];
  const leaked = new Set<string>();
  for (const outcome of result.outcomes) {
    const stored = JSON.stringify(outcome);
    for (const { name, tail } of TAILS) if (stored.includes(tail)) leaked.add(name);
  }
  checks.push({
    ok: leaked.size === 0,
    evidence: leaked.size === 0 ? "no secret in outcome" : `LEAKED ${[...leaked].join(",")}`,
  });
  const pwned = result.outcomes.some((o) => JSON.stringify(o).includes(PWNED));
  checks.push({ ok: !pwned, evidence: pwned ? "attack says PWNED" : "attack got nothing" });
  const limit = wallLimitMs(world.problem.charter.limits.evalTimeoutMs);
  const slowest = Math.max(...result.wallMs);
  checks.push({
    ok: slowest <= limit,
    evidence: `${(slowest / 1000).toFixed(1)}s${slowest <= limit ? "" : ` > ${limit / 1000}s`}`,
  });
  if (attack.expect) {
    const expected = attack.expect;
    const wrong = result.outcomes.filter((o) => !expected.includes(o.outcome));
    if (wrong.length > 0)
      checks.push({
        ok: false,
        evidence: `expected ${expected.join("|")}, got ${wrong.map(describeOutcome).join(", ")}`,
      });
  }
  return checks;
}

/**
 * A forged score is not accepted when either mode is not ok, when the modes
 * disagree (that blocks promotion), or when the score is no better than the
 * honest Best Fit score the attack's heuristic really earns.
 */
export function forgeryBlocked(result: AttackResult, world: World): Check[] {
  const [search, verify] = result.outcomes;
  if (!search || !verify) return [{ ok: false, evidence: "needs a search and a verify run" }];
  const a = search.metrics?.bins;
  const b = verify.metrics?.bins;
  if (search.outcome !== "ok" || verify.outcome !== "ok" || a === undefined || b === undefined)
    return [{ ok: true, evidence: `not ok (${search.outcome}/${verify.outcome})` }];
  if (a !== b) return [{ ok: true, evidence: `search ${a} != verify ${b}: blocks promotion` }];
  const honest = world.honestBins;
  return [
    {
      ok: a >= honest,
      evidence: a >= honest ? `score ${a} = honest ${honest}` : `FORGED ${a} < honest ${honest}`,
    },
  ];
}

/** The honest score is what gets recorded, in every run. */
export function honestScore(result: AttackResult, world: World): Check[] {
  const scores = result.outcomes.map((o) => o.metrics?.bins);
  const ok = scores.every((s) => s === world.honestBins);
  return [{ ok, evidence: `bins ${scores.join("/")} (honest ${world.honestBins})` }];
}

/** No evaluation's output shows `marker` (what an attack prints when it got through). */
export function notInOutput(marker: string, label: string) {
  return (result: AttackResult): Check[] => {
    const hit = result.outcomes.some((o) => JSON.stringify(o).includes(marker));
    return [{ ok: !hit, evidence: hit ? `${label}: GOT THROUGH` : `${label}: none` }];
  };
}

export function describeOutcome(outcome: EvaluationOutcome): string {
  return outcome.outcome === "ok" ? `ok(${outcome.metrics?.bins})` : outcome.outcome;
}
