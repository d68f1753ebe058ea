/**
 * Score forgery. Each runs in search mode and then in verify mode; it is
 * contained when the forged score is not accepted (see forgeryBlocked).
 */
import { type Attack, type AttackResult, type Check, SEARCH, VERIFY } from "../attack.ts";
import { forgeryBlocked, honestScore } from "../evidence.ts";
import type { World } from "../world.ts";

const BOTH = [SEARCH, VERIFY];

/** The evaluator's own clock still runs, in both modes. */
function clockRuns(result: AttackResult, world: World): Check[] {
  const times = result.outcomes.map((o) => o.metrics?.time_ms ?? 0);
  const ok = times.every((t) => t > 0);
  return [
    ...honestScore(result, world),
    { ok, evidence: `time_ms ${times.map((t) => t.toFixed(1)).join("/")} > 0` },
  ];
}

const forged = (name: string, extra: Partial<Attack> = {}): Attack => ({
  name,
  category: "forgery",
  runs: BOTH,
  judge: forgeryBlocked,
  ...extra,
});

export const FORGERY: Attack[] = [
  forged("forgery-fake-metric-lines", { expect: ["ok"], judge: honestScore }),
  forged("forgery-nan-scores", { expect: ["crashed", "invalid"] }),
  forged("forgery-wrong-shape", { expect: ["crashed", "invalid"] }),
  forged("forgery-clock-patch", { expect: ["ok"], judge: clockRuns }),
  forged("forgery-math-random", { expect: ["ok"], judge: honestScore }),
  forged("forgery-array-push"),
  forged("forgery-channel-forge"),
  forged("forgery-v8-serialize"),
  forged("forgery-mode-detect-stack"),
  forged("forgery-mode-detect-argv"),
  forged("forgery-cache-by-item"),
  forged("forgery-replay-previous", { runs: [SEARCH, SEARCH], judge: honestScore }),
];
