/**
 * `npm run bench:speed` (and part of `npm run bench`): issue 15's goals, each
 * as a number beside its goal, measured in one run on the compiled command
 * (dist/, built first if stale):
 * - CLI start: `steward --help` against `node -e 0` (median wall time of
 *   interleaved runs; goal at most 3x), and `steward status` on a store with
 *   10,000 programs (goal under 300 ms);
 * - per candidate, on the trivial problem with 2 evaluations in flight and a
 *   fresh sandbox per candidate (bench/support/trivial-run.mjs): CPU of the
 *   whole process tree (goal at most 25 ms; engine, evaluator processes and
 *   sandboxes apart), the whole machine's CPU per candidate beside it (kernel
 *   work no process counts) and candidates per second (goal at least 60);
 * - the engine's peak memory (VmHWM) with 300 candidates (goal under 120 MiB)
 *   and resuming a run of 100,000 stored programs (goal under 250 MiB).
 * Wall times depend on what else the machine runs: compare with `node -e 0`
 * (printed) before reading them against the goals.
 *
 *   npx tsx bench/speed.bench.ts [--candidates 300] [--stored 100000]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { percentile, table } from "./stats.ts";
import { makeBigStore } from "./support/big-store.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = fileURLToPath(new URL("../dist/cli/bin.js", import.meta.url));
const TRIVIAL = fileURLToPath(new URL("./support/trivial-run.mjs", import.meta.url));
/** What the installed command's first line gives the engine (src/cli/bin.ts). */
const ENGINE_FLAGS = ["--max-semi-space-size=2", "--heap-growing-percent=20"];

const { values } = parseArgs({
  options: {
    candidates: { type: "string", default: "300" },
    stored: { type: "string", default: "100000" },
    samples: { type: "string", default: "15" },
  },
});

function build(): void {
  const done = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], {
    cwd: root,
    stdio: "inherit",
  });
  if (done.status !== 0) throw new Error("npm run build failed");
}

/** Wall ms of one run of `args` (node's own start included). */
function wallMs(args: string[]): number {
  const t = performance.now();
  const done = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (done.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${done.status}`);
  return performance.now() - t;
}

/** CPU ms (user + system) of the children this process has reaped so far, from /proc. */
function reapedCpuMs(): number {
  const text = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // cutime and cstime, in clock ticks (100 a second on Linux).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function cliStart(samples: number): string[][] {
  const store = makeBigStore(10_000);
  try {
    const times = { node: [] as number[], help: [] as number[], status: [] as number[] };
    let nodeCpu = 0;
    for (let i = 0; i < samples; i++) {
      const before = reapedCpuMs();
      times.node.push(wallMs(["-e", "0"]));
      nodeCpu += reapedCpuMs() - before;
      times.help.push(wallMs([...ENGINE_FLAGS, BIN, "--help"]));
      times.status.push(wallMs([...ENGINE_FLAGS, BIN, "status", store.dir]));
    }
    const node = percentile(times.node, 50);
    const help = percentile(times.help, 50);
    const status = percentile(times.status, 50);
    return [
      [
        "node -e 0",
        `${node.toFixed(0)} ms`,
        `(reference) CPU ${(nodeCpu / samples).toFixed(0)} ms: a Node start, which each candidate's sandbox makes${
          process.env.NODE_EXTRA_CA_CERTS
            ? " (here with NODE_EXTRA_CA_CERTS, which a sandbox's empty environment drops)"
            : ""
        }`,
        "",
      ],
      [
        "steward --help",
        `${help.toFixed(0)} ms`,
        `${(help / node).toFixed(2)}x node -e 0`,
        "<= 3x",
      ],
      [
        "steward status, 10,000 programs",
        `${status.toFixed(0)} ms`,
        `${(status / node).toFixed(2)}x node -e 0`,
        "< 300 ms",
      ],
    ];
  } finally {
    store.remove();
  }
}

interface Trivial {
  candidates: number;
  perSecond: number;
  cpuMs: { engine: number; evaluator: number; sandbox: number; machine: number };
  peakRssMiB: number;
  peakProcesses: number;
}

function trivialRun(candidates: number, stored: number): Trivial {
  const args = [...ENGINE_FLAGS, TRIVIAL, String(candidates), "2", "30", String(stored)];
  const done = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (done.status !== 0) throw new Error(`trivial run failed:\n${done.stderr.slice(-4000)}`);
  return JSON.parse(done.stdout.trim().split("\n").at(-1) as string) as Trivial;
}

function perCandidate(candidates: number): string[][] {
  const r = trivialRun(candidates, 0);
  const total = r.cpuMs.engine + r.cpuMs.evaluator + r.cpuMs.sandbox;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    [
      "CPU per candidate, whole tree",
      ms(total),
      `engine ${ms(r.cpuMs.engine)}, evaluator ${ms(r.cpuMs.evaluator)}, sandbox ${ms(r.cpuMs.sandbox)}`,
      "<= 25 ms",
    ],
    [
      "CPU per candidate, whole machine",
      ms(r.cpuMs.machine),
      "the tree plus the kernel's own workers (freeing memory, ending namespaces) and anything else running",
      "",
    ],
    [
      "candidates/s, 2 in flight",
      r.perSecond.toFixed(1),
      `${r.peakProcesses} processes at most`,
      ">= 60",
    ],
    [
      `engine peak memory, ${candidates} candidates`,
      `${r.peakRssMiB.toFixed(0)} MiB`,
      "",
      "< 120 MiB",
    ],
  ];
}

function storedMemory(stored: number): string[] {
  const r = trivialRun(40, stored);
  return [
    `engine peak memory, ${stored.toLocaleString("en")} stored programs`,
    `${r.peakRssMiB.toFixed(0)} MiB`,
    "the store filled by another process first",
    "< 250 MiB",
  ];
}

build();
console.log(
  `Steward speed goals (issue 15): node ${process.version}, ${os.availableParallelism()} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}\n`,
);
const rows = [["measure", "result", "detail", "goal"]];
rows.push(...cliStart(Number(values.samples)));
rows.push(...perCandidate(Number(values.candidates)));
rows.push(storedMemory(Number(values.stored)));
console.log(table(rows));
