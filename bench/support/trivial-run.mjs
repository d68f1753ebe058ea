/**
 * One run of the trivial problem through the compiled library (dist/), measured
 * from inside the engine's process; prints one JSON line. bench/speed.bench.ts
 * runs it in a fresh process, so that the engine's memory is its own and no
 * TypeScript loader runs in it:
 *   node bench/support/trivial-run.mjs [N] [IN_FLIGHT] [WARMUP] [STORED]
 * With STORED, the store first holds a stopped run of STORED evaluated
 * programs, which this run resumes (its population rebuilt from all of them).
 *
 * The problem: a one-line function, an evaluator that calls it once and gives
 * every candidate the same score (so no proposal and no gate runs), and a
 * mutator that answers at once with a new constant, like a stand-in model.
 * CPU is counted from the WARMUP-th evaluation to the last, per part of the
 * process tree (read from /proc):
 *   engine     this process;
 *   evaluator  the evaluator processes (Node running the person's evaluator);
 *   sandbox    everything they started: the sandboxes and their wrappers;
 *   machine    the whole machine's busy CPU (/proc/stat), kernel workers included.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dist = new URL("../../dist/", import.meta.url);
const { evolve } = await import(new URL("index.js", dist).href);
const { descendants } = await import(new URL("sandbox/process-tree.js", dist).href);
const { openProblemStore } = await import(new URL("store/problem-store.js", dist).href);
const { programHash } = await import(new URL("util/hash.js", dist).href);

// `--fill DIR N`: only fill DIR's store (run by the measured process in a child).
const filling = process.argv[2] === "--fill";
const [candidates = 300, inFlight = 2, warmup = 30, stored = 0] = filling
  ? [0, 0, 0, Number(process.argv[4])]
  : process.argv.slice(2).map(Number);
const root = filling ? null : fs.mkdtempSync(path.join(os.tmpdir(), "steward-trivial-"));
const dir = filling ? process.argv[3] : path.join(root, "trivial");
const files = {
  "steward.yaml": `name: trivial
description: A one-line function; every candidate that answers scores the same.
program: program.ts
evaluator: evaluate.ts
objective:
  metric: score
  direction: maximize
limits:
  call_timeout_ms: 2000
  eval_timeout_ms: 20000
  memory_mb: 128
`,
  "program.ts": `// EVOLVE-BLOCK-START
export function f(x: number): number {
  return x * 1.0;
}
// EVOLVE-BLOCK-END
`,
  "evaluate.ts": `import { defineEvaluator } from "steward";
export default defineEvaluator({
  async evaluate(candidate) {
    const y = await candidate.call<number>("f", 1);
    return { metrics: { score: typeof y === "number" ? 1 : 0 } };
  },
});
`,
};
if (filling) {
  fillStore(stored);
  process.exit(0);
}
fs.mkdirSync(dir);
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
if (stored > 0) {
  // In a child process, so the engine's peak memory is the resumed run's own.
  const filled = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), "--fill", dir, String(stored)],
    { stdio: "inherit" },
  );
  if (filled.status !== 0) throw new Error("filling the store failed");
}

/** A stopped run of `n` evaluated variants of the program (the seed first). */
function fillStore(n) {
  const store = openProblemStore(dir);
  const run = store.runs.create(1, {});
  const outcome = {
    outcome: "ok",
    metrics: { score: 1 },
    error: null,
    mode: "search",
    split: "train",
    durationMs: 1,
    peakMemoryBytes: 1,
    sandbox: "bubblewrap",
    stdout: "",
    stderr: "",
    artifacts: {},
    log: [],
    warnings: [],
  };
  let seed = null;
  for (let from = 0; from < n; from += 5000) {
    store.transaction(() => {
      for (let i = from; i < Math.min(n, from + 5000); i++) {
        const code = files["program.ts"].replace("x * 1.0", i === 0 ? "x * 1.0" : `x * ${i}.5`);
        const { program } = store.addProgram({
          hash: programHash(code),
          code,
          origin: i === 0 ? "seed" : "bench",
          ...(seed === null ? {} : { parentIds: [seed] }),
        });
        const c = store.runs.addCandidate({
          runId: run.id,
          programId: program.id,
          island: i % 4,
          parentId: seed,
          mutator: i === 0 ? "seed" : "constant",
          operator: i === 0 ? "seed" : "constant",
          generation: Math.floor(i / 100),
        });
        store.runs.recordEvaluation(c.id, outcome, {
          fitness: 1,
          features: { code_length: 100 + (i % 50), complexity: 10 + (i % 30) },
        });
        seed ??= program.id;
      }
    });
  }
  store.runs.update(run.id, { status: "stopped", stopReason: "budget" });
  store.close();
}

let made = 0;
const constant = {
  name: "constant",
  async mutate(request) {
    const code = request.parent.code.replace(/x \* [0-9.]+/, `x * ${(++made % 1000) / 10 + 1}`);
    return { ok: true, code, operator: "constant", rationale: "a new constant" };
  },
};

const HZ = 100;
function stat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      ppid: Number(f[1]),
      self: Number(f[11]) + Number(f[12]),
      reaped: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return { ppid: 0, self: 0, reaped: 0 };
  }
}
const comm = (pid) => {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
};

/** CPU ms so far of the engine, the evaluators, and what the evaluators started. */
function sample() {
  const tree = descendants(process.pid).slice(1);
  const parents = new Map(tree.map((pid) => [pid, stat(pid).ppid]));
  // An evaluator is a Node process with no Node between it and the engine.
  const isEvaluator = (pid) => {
    if (comm(pid) !== "node") return false;
    for (let p = parents.get(pid); p && p !== process.pid; p = parents.get(p) ?? stat(p).ppid)
      if (comm(p) === "node") return false;
    return true;
  };
  let evaluator = 0;
  let sandbox = 0;
  for (const pid of tree) {
    const s = stat(pid);
    if (isEvaluator(pid)) {
      evaluator += s.self;
      sandbox += s.reaped;
    } else sandbox += s.self + s.reaped;
  }
  const ms = (ticks) => (ticks * 1000) / HZ;
  return {
    engine: ms(stat(process.pid).self),
    evaluator: ms(evaluator),
    sandbox: ms(sandbox),
    machine: ms(machineBusy()),
    at: performance.now(),
  };
}

/**
 * Busy CPU ticks of the whole machine (/proc/stat): besides the tree, the
 * kernel's own workers (freeing a process's memory, tearing down its
 * namespaces), which no process counts; and anything else running.
 */
function machineBusy() {
  const [user, nice, system, , , irq, softirq, steal] = fs
    .readFileSync("/proc/stat", "utf8")
    .split("\n", 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

let start = null;
let end = null;
let peakProcesses = 0;
const run = evolve(dir, {
  mutators: [constant],
  budget: { maxEvals: stored + candidates + warmup + 1 },
  workers: inFlight,
  seed: 1,
  fresh: stored === 0,
});
run.on("evaluated", (event) => {
  const n = event.stats.evaluated - stored;
  if (n % 10 === 0) peakProcesses = Math.max(peakProcesses, descendants(process.pid).length);
  if (n === warmup) start = sample();
  if (n === warmup + candidates) end = sample();
});
const summary = await run.done;
if (!start || !end) throw new Error(`the run stopped early: ${summary.message}`);
const status = fs.readFileSync("/proc/self/status", "utf8");
const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
console.log(
  JSON.stringify({
    candidates,
    inFlight,
    perSecond: candidates / ((end.at - start.at) / 1000),
    cpuMs: {
      engine: (end.engine - start.engine) / candidates,
      evaluator: (end.evaluator - start.evaluator) / candidates,
      sandbox: (end.sandbox - start.sandbox) / candidates,
      machine: (end.machine - start.machine) / candidates,
    },
    peakRssMiB: kib("VmHWM") / 1024,
    peakProcesses,
  }),
);
fs.rmSync(root, { recursive: true, force: true });
