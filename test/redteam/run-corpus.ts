/**
 * Runs a red-team corpus (JS or Python) against the real sandbox and evaluator
 * at one sandbox level, with the policy scan off (the sandbox must hold on its
 * own), a few attacks at a time.
 * Checks that need a quiet machine (no candidate process left, no guarded file
 * changed, nothing reached a listener) are made after each wave, for the
 * attacks of that wave. Shared by `npm run redteam` and the integration test.
 */
import { evaluateProgram } from "../../src/evaluation/evaluate-program.ts";
import { scanProgram } from "../../src/policy/scan.ts";
import { detectSandbox } from "../../src/sandbox/detect.ts";
import { isRoot } from "../../src/sandbox/identity.ts";
import { type Attack, type AttackResult, type Check, SEARCH } from "./attack.ts";
import { commonChecks, describeOutcome } from "./evidence.ts";
import { ownLeftovers } from "./leftovers.ts";
import { loadCandidate } from "./load-candidate.ts";
import { createWorld, type RedteamLanguage, type World } from "./world.ts";

export interface AttackReport {
  name: string;
  category: string;
  outcome: string;
  evidence: string[];
  /** What the policy scan (in its default "block" mode) would have said. */
  scan: string;
  /** KNOWN: got through a documented weakness of the process level; SKIP: not run here. */
  status: "PASS" | "FAIL" | "KNOWN" | "SKIP";
}

export interface CorpusOptions {
  /** Which red-team problem the attacks are written for (default "js"). */
  language?: RedteamLanguage;
  /**
   * The sandbox level to run at, set through STEWARD_SANDBOX for the run
   * (default: whatever the machine gives). When the machine does not give it,
   * nothing runs and the run says why.
   */
  level?: string;
  /** Attacks evaluated at once (default 3). */
  concurrency?: number;
  onReport?: (report: AttackReport) => void;
}

export interface CorpusRun {
  level: string;
  language: RedteamLanguage;
  /** Why the requested level could not be used here (then `reports` is empty). */
  unavailable?: string;
  reports: AttackReport[];
}

export async function runCorpus(
  attacks: Attack[],
  options: CorpusOptions = {},
): Promise<CorpusRun> {
  const language = options.language ?? "js";
  const saved = process.env.STEWARD_SANDBOX;
  if (options.level) process.env.STEWARD_SANDBOX = options.level;
  try {
    let level: string;
    try {
      level = detectSandbox().report.level;
    } catch (error) {
      return {
        level: options.level ?? "?",
        language,
        unavailable: (error as Error).message,
        reports: [],
      };
    }
    if (options.level && level !== options.level)
      return {
        level: options.level,
        language,
        unavailable: `asked for ${options.level}, the sandbox gave ${level}`,
        reports: [],
      };
    return { level, language, reports: await runAt(level, language, attacks, options) };
  } finally {
    if (saved === undefined) delete process.env.STEWARD_SANDBOX;
    else process.env.STEWARD_SANDBOX = saved;
  }
}

async function runAt(
  level: string,
  language: RedteamLanguage,
  attacks: Attack[],
  options: CorpusOptions,
): Promise<AttackReport[]> {
  const world = await createWorld(language);
  const reports: AttackReport[] = [];
  try {
    const honest = await evaluateProgram(world.problem, { code: world.problem.seedCode });
    if (honest.outcome !== "ok" || honest.metrics?.bins === undefined)
      throw new Error(`the honest seed does not score: ${JSON.stringify(honest.error)}`);
    world.honestBins = honest.metrics.bins;
    const concurrency = Math.max(1, options.concurrency ?? 3);
    const unsafe = level === "process" && !isRoot();
    for (const attack of attacks.filter((a) => unsafe && a.unsafeUnlessIsolated)) {
      const report = skipped(attack, "could signal the user's own processes at this level");
      reports.push(report);
      options.onReport?.(report);
    }
    const runnable = attacks.filter((a) => !(unsafe && a.unsafeUnlessIsolated));
    for (const wave of waves(runnable, concurrency)) {
      const before = { files: world.snapshot(), net: world.listeners.counts() };
      const results = await Promise.all(wave.map((attack) => runAttack(attack, world, language)));
      const quiet = await waveChecks(world, before);
      wave.forEach((attack, k) => {
        const report = judge(attack, results[k] as Ran, world, quiet, level);
        reports.push(report);
        options.onReport?.(report);
      });
    }
  } finally {
    await world.close();
  }
  return reports;
}

/**
 * Attacks to run together: at most `size`, and of one category, so that a
 * breach seen after a wave (a listener reached, a file changed) is pinned on
 * attacks of the kind that could cause it.
 */
function waves(attacks: Attack[], size: number): Attack[][] {
  const out: Attack[][] = [];
  for (const attack of attacks) {
    const last = out.at(-1);
    if (last && last.length < size && last[0]?.category === attack.category) last.push(attack);
    else out.push([attack]);
  }
  return out;
}

interface Ran {
  result: AttackResult;
  scan: string;
}

async function runAttack(attack: Attack, world: World, language: RedteamLanguage): Promise<Ran> {
  const code = loadCandidate(attack.name, world.problem.seedCode, world.placeholders, language);
  const findings = scanProgram(code, world.problem.charter.program);
  const rules = [...new Set(findings.map((f) => f.rule))];
  const scan = rules.length === 0 ? "scan: clean" : `scan: would block (${rules.join(", ")})`;
  const result: AttackResult = { outcomes: [], wallMs: [] };
  for (const run of attack.runs ?? [SEARCH]) {
    const started = performance.now();
    result.outcomes.push(
      await evaluateProgram(world.problem, { code, mode: run.mode, split: run.split }),
    );
    result.wallMs.push(performance.now() - started);
  }
  return { result, scan };
}

/** After a wave: no candidate process left, guarded files unchanged, no listener reached. */
async function waveChecks(
  world: World,
  before: { files: Map<string, string>; net: Record<string, number> },
): Promise<Check[]> {
  let left = ownLeftovers();
  for (let tries = 0; left.length > 0 && tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = ownLeftovers();
  }
  // Reported above, then killed (they are this run's own candidates), so the
  // next wave is not blamed for them.
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  const after = world.snapshot();
  const changed = [...new Set([...before.files.keys(), ...after.keys()])].filter(
    (file) => before.files.get(file) !== after.get(file),
  );
  const net = world.listeners.counts();
  const reached = Object.entries(net)
    .filter(([kind, count]) => count !== before.net[kind])
    .map(([kind]) => kind);
  return [
    {
      ok: left.length === 0,
      evidence: left.length === 0 ? "0 procs left" : `PROCESSES LEFT ${left.join(",")}`,
    },
    {
      ok: changed.length === 0,
      evidence: changed.length === 0 ? "files unchanged" : `CHANGED ${changed.join(",")}`,
    },
    {
      ok: reached.length === 0,
      evidence: reached.length === 0 ? "net 0" : `REACHED ${reached.join(",")}`,
    },
  ];
}

function judge(
  attack: Attack,
  ran: Ran,
  world: World,
  quiet: Check[],
  level: string,
): AttackReport {
  const checks = [
    ...(attack.judge?.(ran.result, world) ?? []),
    ...commonChecks(attack, ran.result, world),
    ...quiet,
  ];
  return {
    name: attack.name,
    category: attack.category,
    outcome: ran.result.outcomes.map(describeOutcome).join("/"),
    evidence: checks.map((c) => c.evidence),
    scan: ran.scan,
    status: checks.every((c) => c.ok)
      ? "PASS"
      : attack.isolationOnly && level === "process"
        ? "KNOWN"
        : "FAIL",
  };
}

function skipped(attack: Attack, why: string): AttackReport {
  return {
    name: attack.name,
    category: attack.category,
    outcome: "-",
    evidence: [`not run: ${why}`],
    scan: "",
    status: "SKIP",
  };
}
