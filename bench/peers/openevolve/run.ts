/**
 * Steward beside OpenEvolve on the same trivial problem (README.md here):
 * candidates per second, CPU per candidate of the whole process tree, peak
 * memory of the main process and processes at once, for OpenEvolve with the
 * candidate imported into its worker, OpenEvolve with a child process per
 * candidate, and Steward at its strongest sandbox level; then the runaway case
 * (1 candidate in 10 loops forever) and the secret canary (candidates print
 * OPENAI_API_KEY: does the key end up stored, or sent back to the model?).
 * Both tools talk to the same stand-in model on 127.0.0.1 (stand-in-model.ts).
 *
 *   npx tsx bench/peers/openevolve/run.ts [--candidates 300] [--runaway 100] [--limit 600]
 *                                         [--baseline DIR]
 *
 * --baseline DIR adds a column for another checkout of Steward (its
 * dist/cli/bin.js, or bin/steward.mjs from before the compiled CLI), so a
 * change is measured against the old code on the same machine in one run.
 *
 * Where OpenEvolve is not installed it says so and exits 0 (skipped).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { descendants } from "../../../src/sandbox/process-tree.ts";
import { table } from "../../stats.ts";
import { type Mode, startStandIn } from "./stand-in-model.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const STEWARD = path.join(ROOT, "dist", "cli", "bin.js");
const PYTHON = process.env.OPENEVOLVE_PYTHON ?? "python3";

const { values } = parseArgs({
  options: {
    candidates: { type: "string", default: "300" },
    runaway: { type: "string", default: "100" },
    limit: { type: "string", default: "600" },
    baseline: { type: "string" },
  },
});
const candidates = Number(values.candidates);
const runawayCandidates = Number(values.runaway);
const limitMs = Number(values.limit) * 1000;

/** The CLI of the checkout --baseline names, and the commit it is at. */
function baselineSteward(dir: string): { cli: string; name: string } {
  const cli = [path.join(dir, "dist", "cli", "bin.js"), path.join(dir, "bin", "steward.mjs")].find(
    (file) => fs.existsSync(file),
  );
  if (!cli)
    throw new Error(`--baseline ${dir}: neither dist/cli/bin.js nor bin/steward.mjs is there`);
  const head = spawnSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  return { cli, name: `Steward at ${head.stdout.trim() || dir}` };
}

/** The Node flags a command's first line starts Node with (`#!/usr/bin/env -S node FLAGS`), as `steward` runs when installed. */
function nodeFlagsOf(cli: string): string[] {
  const first = fs.readFileSync(cli, "utf8").split("\n", 1)[0] ?? "";
  const found = /^#!\/usr\/bin\/env -S node (.*)$/.exec(first);
  return found?.[1] ? found[1].trim().split(/\s+/) : [];
}

/** How to start OpenEvolve's CLI here, or why it cannot be. */
function openEvolveCommand(): { command: string[] } | { missing: string } {
  const dir = process.env.OPENEVOLVE_DIR;
  if (dir) {
    const script = path.join(dir, "openevolve-run.py");
    if (fs.existsSync(script)) return { command: [PYTHON, script] };
    return { missing: `OPENEVOLVE_DIR=${dir} has no openevolve-run.py` };
  }
  const probe = spawnSync(PYTHON, ["-c", "import openevolve.cli"], { encoding: "utf8" });
  if (probe.error) return { missing: `${PYTHON} cannot be started (${probe.error.message})` };
  if (probe.status !== 0)
    return {
      missing: `${PYTHON} cannot import openevolve.cli: ${probe.stderr.trim().split("\n").at(-1)}`,
    };
  return {
    command: [PYTHON, "-c", "import sys; from openevolve.cli import main; sys.exit(main())"],
  };
}

interface Measured {
  seconds: number;
  cpuMsPerCandidate: number;
  peakMainMiB: number;
  peakProcesses: number;
  /** Requests the stand-in model answered: candidates proposed. */
  proposed: number;
  finished: boolean;
}

/** CPU of this process's reaped children so far (they include theirs), in ms. */
function childrenCpuMs(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const f = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  return (((f[13] ?? 0) + (f[14] ?? 0)) * 1000) / 100;
}

function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs one tool to the end (or the time limit), sampling its tree every 100 ms. */
async function measure(
  command: string[],
  env: NodeJS.ProcessEnv,
  mode: Mode,
  count: number,
  setup: (baseUrl: string) => void,
): Promise<Measured & { requests: string[] }> {
  const model = await startStandIn(mode);
  setup(model.baseUrl);
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const [file, ...args] = command.map((a) => a.replaceAll("{BASE_URL}", model.baseUrl));
  const child = spawn(file as string, args, {
    env,
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let peakMain = 0;
  let peakProcesses = 0;
  const sampler = setInterval(() => {
    if (!child.pid) return;
    peakMain = Math.max(peakMain, rssMiB(child.pid));
    peakProcesses = Math.max(peakProcesses, descendants(child.pid).length);
  }, 100);
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), limitMs);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  await model.close();
  if (code !== 0 && seconds * 1000 < limitMs)
    console.error(`${command.slice(0, 2).join(" ")} exited with ${code}:\n${stderr}`);
  return {
    seconds,
    cpuMsPerCandidate: (childrenCpuMs() - cpuBefore) / Math.max(1, model.requests.length),
    peakMainMiB: peakMain,
    peakProcesses,
    proposed: model.requests.length,
    finished: code === 0 && model.requests.length >= count,
    requests: model.requests,
  };
}

function openEvolveConfig(dir: string, count: number, baseUrl: string, key: string): void {
  fs.writeFileSync(
    path.join(dir, "config.yaml"),
    `max_iterations: ${count}
checkpoint_interval: ${count}
log_level: WARNING
diff_based_evolution: true
llm:
  models:
    - name: stand-in
      weight: 1.0
  api_base: ${baseUrl}
  api_key: ${key}
  timeout: 30
  retries: 0
database:
  population_size: 1000
  num_islands: 2
evaluator:
  timeout: 5
  parallel_evaluations: 2
  cascade_evaluation: false
  use_llm_feedback: false
`,
  );
}

function stewardProblem(work: string): string {
  const dir = path.join(work, `steward-${Math.random().toString(36).slice(2, 8)}`);
  fs.mkdirSync(dir);
  for (const name of ["steward.yaml", "program.ts", "evaluate.ts"])
    fs.copyFileSync(path.join(HERE, "problem", name), path.join(dir, name));
  return dir;
}

/** Whether `secret` appears in any file under `dir` (bytes, so SQLite files count). */
function storedIn(dir: string, secret: string): boolean {
  const needle = Buffer.from(secret);
  const walk = (d: string): boolean =>
    fs.readdirSync(d, { withFileTypes: true }).some((e) => {
      const p = path.join(d, e.name);
      return e.isDirectory() ? walk(p) : e.isFile() && fs.readFileSync(p).includes(needle);
    });
  return fs.existsSync(dir) && walk(dir);
}

async function main(): Promise<void> {
  const openEvolve = openEvolveCommand();
  if ("missing" in openEvolve) {
    console.log(
      `skipped: OpenEvolve is not installed here (${openEvolve.missing}).\nInstall it as bench/peers/openevolve/README.md says (or set OPENEVOLVE_DIR to its source), then run this again.`,
    );
    return;
  }
  if (!fs.existsSync(STEWARD)) throw new Error(`${STEWARD} is missing: run "npm run build" first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "steward-peers-"));
  const canary = `sk-canary-${Math.random().toString(36).slice(2)}`;
  const env = { ...process.env, OPENAI_API_KEY: canary };
  const tools = [
    { name: "OpenEvolve (imported, no isolation)", evaluator: "evaluator_inline.py" },
    { name: "OpenEvolve (child process per candidate)", evaluator: "evaluator_process.py" },
  ];

  const baseline = values.baseline ? baselineSteward(values.baseline) : undefined;

  const run = async (tool: string, mode: Mode, count: number) => {
    const cli = tool === "Steward" ? STEWARD : tool === baseline?.name ? baseline.cli : undefined;
    if (cli) {
      const dir = stewardProblem(work);
      const model = "openai-compatible:stand-in@{BASE_URL}";
      const command = [process.execPath, ...nodeFlagsOf(cli), cli, "run", dir, "--model", model];
      const result = await measure(
        [...command, "--max-evals", String(count + 1), "--workers", "2"],
        env,
        mode,
        count,
        () => {},
      );
      return { ...result, output: path.join(dir, ".steward") };
    }
    const evaluator = tools.find((t) => t.name === tool)?.evaluator as string;
    const out = path.join(work, `openevolve-${Math.random().toString(36).slice(2, 8)}`);
    fs.mkdirSync(out);
    const result = await measure(
      [
        ...openEvolve.command,
        path.join(HERE, "problem", "initial_program.py"),
        path.join(HERE, "problem", evaluator),
        "--config",
        path.join(out, "config.yaml"),
        "--output",
        out,
        "--iterations",
        String(count),
      ],
      env,
      mode,
      count,
      (baseUrl) => openEvolveConfig(out, count, baseUrl, canary),
    );
    return { ...result, output: out };
  };

  const names = [...tools.map((t) => t.name), ...(baseline ? [baseline.name] : []), "Steward"];
  const plain = [];
  for (const name of names) plain.push(await run(name, "plain", candidates));
  const rows = [["", ...names]];
  rows.push(["candidates/s (whole run)", ...plain.map((r) => (r.proposed / r.seconds).toFixed(1))]);
  rows.push([
    "CPU per candidate, whole tree",
    ...plain.map((r) => `${r.cpuMsPerCandidate.toFixed(1)} ms`),
  ]);
  rows.push(["peak memory, main process", ...plain.map((r) => `${r.peakMainMiB.toFixed(0)} MiB`)]);
  rows.push(["processes at once", ...plain.map((r) => String(r.peakProcesses))]);
  const steward = plain.at(-1) as (typeof plain)[number];
  rows.push([
    "ratio to Steward (candidates/s)",
    ...plain.map((r) => (r.proposed / r.seconds / (steward.proposed / steward.seconds)).toFixed(2)),
  ]);
  console.log(`Side by side, ${candidates} candidates, 2 in flight\n\n${table(rows)}\n`);

  const runaway = [];
  for (const name of names) runaway.push(await run(name, "runaway", runawayCandidates));
  console.log(
    `Runaway: 1 candidate in 10 loops forever, ${runawayCandidates} candidates, limit ${values.limit} s\n\n${table(
      [
        ["", ...names],
        ["candidates reached", ...runaway.map((r) => `${r.proposed} of ${runawayCandidates}`)],
        ["finished", ...runaway.map((r) => (r.finished ? "yes" : "no"))],
      ],
    )}\n`,
  );

  const leaks = [];
  for (const name of names) {
    const r = await run(name, "canary", 20);
    leaks.push({
      stored: storedIn(r.output, canary),
      resent: r.requests.some((body) => body.includes(canary)),
    });
  }
  console.log(
    `Secret canary: candidates print OPENAI_API_KEY\n\n${table([
      ["", ...names],
      ["key stored in the output", ...leaks.map((l) => (l.stored ? "LEAKED" : "no"))],
      ["key sent back to the model", ...leaks.map((l) => (l.resent ? "LEAKED" : "no"))],
    ])}`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}

await main();
