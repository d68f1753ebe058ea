/**
 * `steward run --queue` with real `steward worker` processes on a real
 * redis-server: the run ends with exactly N evaluations, each candidate
 * acknowledged once, through a worker killed with SIGKILL mid-job and a Redis
 * that restarts empty mid-run; no sandbox process is left; no API key of the
 * coordinator reaches Redis or a worker; a worker whose copy of the evaluator
 * differs by one byte refuses the jobs and the coordinator says so, and so
 * does a worker that lacks what the charter `needs`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { processesOfUidRange } from "../helpers/processes.ts";
import { copyExample, exited, stewardDone } from "../helpers/run-cli.ts";
import { storedRows, waitUntil } from "../helpers/wait.ts";
import {
  everything,
  filesUnder,
  startWorker as spawnWorker,
  type TestWorker,
  UIDS,
} from "./fleet.ts";
import { startRedis, type TestRedis } from "./redis-server.ts";

const CANARY = "sk-canary-0b7e4f1c9d2a5e83";
const N = 8;
describe("steward run --queue with steward worker processes", () => {
  let redis: TestRedis;
  let example: ReturnType<typeof copyExample>;
  let root: string;
  const workers: TestWorker[] = [];

  const startWorker = (name: string, extra: string[] = []): TestWorker => {
    const worker = spawnWorker(redis.url, root, name, extra);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    redis = await startRedis();
    example = copyExample("symbolic-regression");
    root = path.dirname(example.dir);
  });

  afterAll(async () => {
    for (const { child } of workers) child.kill("SIGKILL");
    await Promise.all(workers.map(({ child }) => exited(child)));
    await redis?.stop();
    example?.remove();
  });

  it("3 workers, one killed with SIGKILL mid-job, Redis restarted empty mid-run: N evaluations, each candidate once, no key leaked", async () => {
    const fleet = [startWorker("w1"), startWorker("w2"), startWorker("w3")];
    await waitUntil(
      () => fleet.every((w) => w.stderr().includes("waiting for jobs")),
      "three workers to start",
    );
    const run = stewardDone(["run", example.dir, "--queue", redis.url, "--max-evals", String(N)], {
      OPENAI_API_KEY: CANARY,
      ANTHROPIC_API_KEY: CANARY,
      STEWARD_CONFIG_DIR: path.join(root, "coordinator-config"),
    });

    // Whichever worker starts a job first is killed before it can answer.
    await waitUntil(() => fleet.some((w) => /job \S+ started/.test(w.stderr())), "a job to start");
    const victim = fleet.find((w) => /job \S+ started/.test(w.stderr())) as TestWorker;
    victim.child.kill("SIGKILL");
    await exited(victim.child);

    await waitUntil(() => storedRows(example.dir, "evaluations") >= N / 2, "half the evaluations");
    await redis.restart();

    const result = await run;
    expect(result.stderr).not.toContain("steward run:");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`reached the evaluation budget (${N} evaluations)`);

    const db = new Database(problemStorePath(example.dir), { readonly: true });
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count("SELECT count(*) AS n FROM evaluations")).toBe(N);
      expect(count("SELECT count(*) AS n FROM candidates WHERE evaluation_id IS NOT NULL")).toBe(N);
    } finally {
      db.close();
    }

    // `steward status` lists the two live workers, which did every evaluation.
    const status = await stewardDone(["status", example.dir, "--queue", redis.url, "--json"]);
    const { workers: seen } = JSON.parse(status.stdout) as {
      workers: Array<{ host: string; level: string; jobsDone: number; lastHeartbeat: string }>;
    };
    expect(seen).toHaveLength(2);
    expect(
      seen.every((w) => w.host !== "" && /^(bubblewrap|namespace|process)$/.test(w.level)),
    ).toBe(true);
    expect(seen.reduce((sum, w) => sum + w.jobsDone, 0)).toBeGreaterThanOrEqual(N);

    // The killed worker's sandbox, and every other, is gone.
    await waitUntil(
      () => processesOfUidRange(UIDS.low, UIDS.high).length === 0,
      "no sandbox process left",
    );

    // No API key of the coordinator anywhere in Redis or in a worker's state.
    const client = new Redis(redis.url);
    try {
      const dump = await everything(client);
      expect(dump).toContain("steward:worker:"); // the scan saw the live workers' keys
      expect(dump).not.toContain(CANARY);
    } finally {
      client.disconnect();
    }
    for (const worker of fleet) {
      for (const file of filesUnder(worker.cache))
        expect(fs.readFileSync(file, "latin1")).not.toContain(CANARY);
    }
  }, 600_000);

  it("a worker whose evaluator differs by one byte refuses the jobs, and the coordinator says so", async () => {
    for (const { child } of workers) child.kill("SIGTERM");
    await Promise.all(workers.map(({ child }) => exited(child)));
    const shared = path.join(root, "shared");
    fs.mkdirSync(shared);
    const copy = path.join(shared, "symbolic-regression");
    fs.cpSync(example.dir, copy, {
      recursive: true,
      filter: (source) => !source.includes(".steward"),
    });
    fs.appendFileSync(path.join(copy, "evaluate.ts"), " ");
    const liar = startWorker("mismatched", ["--problems", shared]);
    await waitUntil(() => liar.stderr().includes("waiting for jobs"), "the worker to start");

    const result = await stewardDone(
      ["run", example.dir, "--queue", redis.url, "--max-evals", String(N + 1)],
      { STEWARD_CONFIG_DIR: path.join(root, "coordinator-config") },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no problem folder under .* matches bundle [0-9a-f]{12}/);
    expect(result.stderr).toContain("the job was refused");
    expect(liar.stderr()).toContain("the job was refused");
    expect(storedRows(example.dir, "evaluations")).toBe(N);
  }, 600_000);

  it("a worker that lacks what the charter needs refuses the jobs, naming the missing piece", async () => {
    for (const { child } of workers) child.kill("SIGTERM");
    await Promise.all(workers.map(({ child }) => exited(child)));
    const needy = copyExample("symbolic-regression");
    try {
      // The coordinator has the tool (its gates run here); the worker's PATH does not.
      const tools = path.join(root, "tools");
      fs.mkdirSync(tools);
      fs.writeFileSync(path.join(tools, "steward-test-tool"), "#!/bin/sh\n", { mode: 0o755 });
      fs.appendFileSync(
        path.join(needy.dir, "steward.yaml"),
        "needs:\n  - command: steward-test-tool\n    install: put steward-test-tool on PATH\n",
      );
      const lacking = startWorker("lacking");
      await waitUntil(() => lacking.stderr().includes("waiting for jobs"), "the worker to start");

      const result = await stewardDone(
        ["run", needy.dir, "--queue", redis.url, "--max-evals", "3"],
        {
          STEWARD_CONFIG_DIR: path.join(root, "needy-config"),
          PATH: `${tools}${path.delimiter}${process.env.PATH}`,
        },
      );
      expect(result.status).toBe(1);
      const missing = "the command steward-test-tool (install: put steward-test-tool on PATH)";
      expect(result.stderr).toContain(`lacks what symbolic-regression needs: ${missing}`);
      expect(result.stderr).toContain("every worker seen refused");
      expect(lacking.stderr()).toContain(missing);
      expect(storedRows(needy.dir, "evaluations")).toBe(0);
    } finally {
      needy.remove();
    }
  }, 600_000);
});
