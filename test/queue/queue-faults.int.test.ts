/**
 * The queue's faults and guards with real `steward worker` processes, a real
 * redis-server and real sandboxed evaluations:
 * - the coordinator killed with SIGKILL mid-run and started again: every
 *   candidate evaluated once, and no job run twice by the workers;
 * - Redis with an append-only file killed and restarted mid-run: work survives
 *   (nothing re-queued, nothing run twice);
 * - Redis down mid-run: the coordinator and the workers say so, `steward stop
 *   --now` still stops the run, and a resumed run finishes with every candidate
 *   evaluated once;
 * - AUTH over TLS (rediss://, a CA made for the test): the password, given in
 *   the environment or a file, is nowhere in output, Redis, the store or a cache;
 * - a worker whose sandbox is weaker than the charter demands refuses its jobs,
 *   the coordinator says so, a mixed fleet still finishes; a fleet of only weak
 *   workers ends the run with the reason;
 * - each evaluation records the worker that ran it, and `steward status`
 *   shows it;
 * - the charter's `max_in_flight` bounds the candidates out at once.
 * Every wait is for something observable, with a generous outer limit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { processesOfUidRange } from "../helpers/processes.ts";
import { BIN, copyExample, exited, stewardDone } from "../helpers/run-cli.ts";
import { storedRows, waitUntil } from "../helpers/wait.ts";
import {
  everything,
  filesUnder,
  heartbeats,
  inspect,
  startWorker,
  type TestWorker,
  UIDS,
} from "./fleet.ts";
import { startRedis } from "./redis-server.ts";

const LIMIT = 600_000;

interface Counts {
  evaluations: number;
  candidates: number;
  unacknowledged: number;
  byWorker: number;
  workers: string[];
  levels: string[];
}

function counts(dir: string): Counts {
  const db = new Database(problemStorePath(dir), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const workers = db
      .prepare("SELECT DISTINCT json_extract(worker, '$.id') AS id FROM evaluations")
      .all() as Array<{ id: string | null }>;
    const levels = db
      .prepare("SELECT DISTINCT json_extract(worker, '$.level') AS level FROM evaluations")
      .all() as Array<{ level: string | null }>;
    return {
      evaluations: n("SELECT count(*) AS n FROM evaluations"),
      candidates: n("SELECT count(*) AS n FROM candidates"),
      unacknowledged: n("SELECT count(*) AS n FROM candidates WHERE evaluation_id IS NULL"),
      byWorker: n("SELECT count(*) AS n FROM evaluations WHERE worker IS NOT NULL"),
      workers: workers.map((w) => String(w.id)),
      levels: levels.map((l) => String(l.level)),
    };
  } finally {
    db.close();
  }
}

/** A coordinator as a child process we can kill. */
function coordinator(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, "run", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

const started = (w: TestWorker) => (w.stderr().match(/job \S+ started/g) ?? []).length;

describe("the queue through faults, with AUTH and TLS, and with a mixed fleet", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const fleet: ChildProcess[] = [];

  const spawnWorker = (...args: Parameters<typeof startWorker>) => {
    const worker = startWorker(...args);
    fleet.push(worker.child);
    return worker;
  };
  const ready = (workers: TestWorker[]) =>
    waitUntil(
      () => workers.every((w) => w.stderr().includes("waiting for jobs")),
      "the workers to start",
    );
  const setUp = async (options: Parameters<typeof startRedis>[0] = {}) => {
    const redis = await startRedis(options);
    const example = copyExample("symbolic-regression");
    cleanups.push(
      () => example.remove(),
      () => redis.stop(),
    );
    return { redis, example, root: path.dirname(example.dir) };
  };

  afterEach(async () => {
    for (const child of fleet.splice(0)) {
      child.kill("SIGKILL");
      await exited(child);
    }
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await waitUntil(
      () => processesOfUidRange(UIDS.low, UIDS.high).length === 0,
      "no sandbox process left",
    );
  });

  it(
    "a coordinator killed with SIGKILL mid-run resumes: every candidate evaluated once, no job run twice",
    async () => {
      const N = 10;
      const { redis, example, root } = await setUp();
      // Locks far longer than any stall of a busy machine: no job is taken for a dead worker's.
      const workers = [
        spawnWorker(redis.url, root, "k1", ["--lock-ms", "60000"]),
        spawnWorker(redis.url, root, "k2", ["--lock-ms", "60000"]),
      ];
      await ready(workers);
      const env = { STEWARD_CONFIG_DIR: path.join(root, "coordinator-config") };
      const args = [example.dir, "--queue", redis.url, "--max-evals", String(N)];
      const first = coordinator(args, env);
      // Killed while jobs are out: more started on the workers than acknowledged in the store.
      await waitUntil(
        () =>
          storedRows(example.dir, "evaluations") >= 3 &&
          workers.reduce((sum, w) => sum + started(w), 0) > storedRows(example.dir, "evaluations"),
        "jobs in flight after 3 evaluations",
      );
      first.child.kill("SIGKILL");
      await first.done;
      const before = counts(example.dir);
      expect(before.unacknowledged).toBeGreaterThan(0);

      const second = await stewardDone(["run", ...args], env);
      expect(second.stderr).not.toContain("steward run:");
      expect(second.status, second.stderr).toBe(0);
      expect(second.stdout).toMatch(/resuming run 1 \(\d+ evaluated, [1-9]\d* to redo\)/);
      expect(second.stdout).toContain(`reached the evaluation budget (${N} evaluations)`);

      const after = counts(example.dir);
      expect(after.evaluations).toBe(N);
      expect(after.candidates).toBe(N);
      expect(after.unacknowledged).toBe(0);
      // Every evaluation ran on a worker, and the workers ran each job once: no more, no less.
      expect(after.byWorker).toBe(N);
      expect(await jobsDone(redis.url, N)).toBe(N);

      // steward status names the workers that evaluated, with their sandbox level and version.
      const status = await stewardDone(["status", example.dir]);
      expect(status.status).toBe(0);
      expect(status.stdout).toMatch(
        /evaluated by: .+ \(\S+, sandbox (bubblewrap|namespace), steward \d+\.\d+\.\d+\) \d+/,
      );
    },
    LIMIT,
  );

  it(
    "Redis with an append-only file restarted mid-run: work survives, nothing queued again or run twice",
    async () => {
      const N = 10;
      const { redis, example, root } = await setUp({ persist: true });
      // A lock longer than the restart: a job running across it is not taken for a dead worker's.
      const workers = [
        spawnWorker(redis.url, root, "p1", ["--lock-ms", "60000"]),
        spawnWorker(redis.url, root, "p2", ["--lock-ms", "60000"]),
      ];
      await ready(workers);
      const run = coordinator([example.dir, "--queue", redis.url, "--max-evals", String(N)], {
        STEWARD_CONFIG_DIR: path.join(root, "coordinator-config"),
      });
      await waitUntil(() => storedRows(example.dir, "evaluations") >= 3, "3 evaluations");
      await redis.restart();
      expect(await run.done, `${run.stdout()}\n${run.stderr()}`).toBe(0);
      // The coordinator and the workers said Redis went and came back.
      expect(run.stderr()).toMatch(
        /steward: queue: Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable/,
      );
      expect(run.stderr()).toContain("is reachable again: the queue resumed");
      expect(run.stderr()).not.toContain("queued again");
      expect(run.stdout()).toContain(`reached the evaluation budget (${N} evaluations)`);
      const after = counts(example.dir);
      expect(after.evaluations).toBe(N);
      expect(after.unacknowledged).toBe(0);
      expect(await jobsDone(redis.url, N)).toBe(N);
    },
    LIMIT,
  );

  it(
    "Redis down mid-run: both sides say so, stop --now still stops, and the resumed run loses nothing",
    async () => {
      const N = 8;
      const { redis, example, root } = await setUp({ persist: true });
      const workers = [spawnWorker(redis.url, root, "d1", ["--lock-ms", "60000"])];
      await ready(workers);
      const env = { STEWARD_CONFIG_DIR: path.join(root, "coordinator-config") };
      const args = [example.dir, "--queue", redis.url, "--max-evals", String(N)];
      const run = coordinator(args, env);
      await waitUntil(() => storedRows(example.dir, "evaluations") >= 2, "2 evaluations");
      await redis.down();
      await waitUntil(
        () =>
          /steward: queue: Redis at \S+ is unreachable \(.+\): the queue is paused/.test(
            run.stderr(),
          ),
        "the coordinator to say Redis is unreachable",
      );
      await waitUntil(
        () => workers[0]?.stderr().includes("is unreachable") === true,
        "the worker to say Redis is unreachable",
      );
      const stop = await stewardDone(["stop", example.dir, "--now"]);
      expect(stop.status, stop.stderr).toBe(0);
      expect(await run.done, `${run.stdout()}\n${run.stderr()}`).toBe(0);
      expect(run.stdout()).toMatch(/stopped/i);
      const stopped = counts(example.dir);
      expect(stopped.evaluations).toBeLessThan(N);

      await redis.up();
      const resumed = await stewardDone(["run", ...args], env);
      expect(resumed.stderr).not.toContain("steward run:");
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain("resuming run 1");
      const after = counts(example.dir);
      expect(after.evaluations).toBe(N);
      expect(after.candidates).toBe(N);
      expect(after.unacknowledged).toBe(0);
    },
    LIMIT,
  );

  it(
    "the charter's max_in_flight bounds the jobs out: 2 workers with 2 slots each get 1 candidate at a time",
    async () => {
      const N = 8;
      const { redis, example, root } = await setUp();
      // Without it the coordinator keeps twice the 4 slots seen out at once.
      fs.appendFileSync(path.join(example.dir, "steward.yaml"), "max_in_flight: 1\n");
      const workers = [
        spawnWorker(redis.url, root, "a", ["--concurrency", "2"]),
        spawnWorker(redis.url, root, "b", ["--concurrency", "2"]),
      ];
      await ready(workers);
      const run = coordinator([example.dir, "--queue", redis.url, "--max-evals", String(N)], {
        STEWARD_CONFIG_DIR: path.join(root, "coordinator-config"),
      });
      let most = 0;
      let finished = false;
      void run.done.then(() => {
        finished = true;
      });
      while (!finished) {
        try {
          most = Math.max(most, counts(example.dir).unacknowledged);
        } catch {
          // The store is not made yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await run.done, run.stderr()).toBe(0);
      const after = counts(example.dir);
      expect(after.evaluations).toBe(N);
      expect(after.byWorker).toBe(N);
      expect(most).toBe(1);
    },
    LIMIT,
  );

  it(
    "AUTH over TLS: the run works, the password is in no output, key, store or cache",
    async () => {
      const N = 4;
      const password = "queue-pw-5d1f0c9a7b3e2468";
      const { redis, example, root } = await setUp({ tls: true, password });
      expect(redis.url.startsWith("rediss://")).toBe(true);
      const passwordFile = path.join(root, "redis-password");
      fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      const ca = { STEWARD_QUEUE_CA: redis.caFile as string };

      // A wrong password is named as the reason, without the password.
      const wrong = spawnWorker(redis.url, root, "wrong", [], {
        ...ca,
        STEWARD_QUEUE_PASSWORD: "nope",
      });
      await waitUntil(
        () => /cannot be reached \(.*(WRONGPASS|invalid username-password)/i.test(wrong.stderr()),
        "the worker with a wrong password to say why",
      ).catch((error: Error) => {
        throw new Error(`${error.message}; it said: ${wrong.stderr()}`);
      });
      expect(wrong.stderr()).not.toContain("nope");
      wrong.child.kill("SIGTERM");
      await exited(wrong.child);

      const worker = spawnWorker(redis.url, root, "tls", [], {
        ...ca,
        STEWARD_QUEUE_PASSWORD_FILE: passwordFile,
      });
      await ready([worker]);
      const result = await stewardDone(
        ["run", example.dir, "--queue", redis.url, "--max-evals", String(N)],
        {
          ...ca,
          STEWARD_QUEUE_PASSWORD: password,
          STEWARD_CONFIG_DIR: path.join(root, "coordinator-config"),
        },
      );
      expect(result.stderr).not.toContain("steward run:");
      expect(result.status, result.stderr).toBe(0);
      expect(counts(example.dir).byWorker).toBe(N);
      const status = await stewardDone(["status", example.dir, "--queue", redis.url], {
        ...ca,
        STEWARD_QUEUE_PASSWORD: password,
      });
      expect(status.status).toBe(0);
      expect(status.stdout).toContain("workers seen: 1");

      for (const text of [
        result.stdout,
        result.stderr,
        status.stdout,
        status.stderr,
        worker.stderr(),
      ])
        expect(text).not.toContain(password);
      const client = inspect(redis.url, {
        password,
        tls: { ca: fs.readFileSync(redis.caFile as string) },
      });
      try {
        const dump = await everything(client);
        expect(dump).toContain("steward:worker:");
        expect(dump).not.toContain(password);
      } finally {
        client.disconnect();
      }
      const stored = filesUnder(path.join(example.dir, ".steward"));
      expect(stored.length).toBeGreaterThan(0);
      for (const file of [...stored, ...filesUnder(worker.cache)])
        expect(fs.readFileSync(file, "latin1")).not.toContain(password);
    },
    LIMIT,
  );

  it(
    "a worker with a weaker sandbox refuses, the coordinator says so, the mixed fleet finishes; weak workers alone end the run",
    async () => {
      const N = 6;
      const { redis, example, root } = await setUp();
      const weak = spawnWorker(redis.url, root, "weak", [], { STEWARD_SANDBOX: "process" });
      const strong = spawnWorker(redis.url, root, "strong");
      await ready([weak, strong]);
      expect(weak.stderr()).toContain("sandbox process");
      // The strong worker is frozen (still listed: its heartbeat lives 30 s) until the weak one has
      // refused a job, so the refusal surely happens; then both serve the run.
      strong.child.kill("SIGSTOP");
      const env = { STEWARD_CONFIG_DIR: path.join(root, "coordinator-config") };
      const run = coordinator([example.dir, "--queue", redis.url, "--max-evals", String(N)], env);
      await waitUntil(
        () => /steward: queue: worker .+ refused candidate \d+/.test(run.stderr()),
        "the coordinator to report the weak worker's refusal",
      );
      strong.child.kill("SIGCONT");
      expect(await run.done, `${run.stdout()}\n${run.stderr()}`).toBe(0);
      expect(run.stderr()).toMatch(
        /steward: queue: worker \S+ \(\S+\), sandbox process, steward \S+, node v\S+ refused candidate \d+: .*has only the "process" sandbox and the charter demands at least "namespace"; the job was refused/,
      );
      expect(run.stderr()).not.toContain("steward run:");
      const after = counts(example.dir);
      expect(after.evaluations).toBe(N);
      expect(after.unacknowledged).toBe(0);
      expect(after.levels).not.toContain("process");
      expect(after.workers).toHaveLength(1);
      const client = inspect(redis.url);
      try {
        let beats: Awaited<ReturnType<typeof heartbeats>> = [];
        await waitUntilAsync(async () => {
          beats = await heartbeats(client);
          return beats.reduce((sum, h) => sum + h.jobsDone, 0) >= N;
        }, "the heartbeats to count every job");
        const weakBeat = beats.find((h) => h.level === "process");
        expect(weakBeat?.jobsDone).toBe(0);
        expect(weakBeat?.refused).toBeGreaterThan(0);
      } finally {
        client.disconnect();
      }

      strong.child.kill("SIGTERM");
      await exited(strong.child);
      const alone = await stewardDone(
        ["run", example.dir, "--queue", redis.url, "--max-evals", String(N + 2)],
        env,
      );
      expect(alone.status).toBe(1);
      expect(alone.stderr).toMatch(/refused candidate \d+: .*has only the "process" sandbox/);
      expect(alone.stderr).toMatch(/every worker seen refused candidate \d+/);
      expect(weak.stderr()).toContain("the job was refused");
      expect(counts(example.dir).evaluations).toBe(N);
    },
    LIMIT,
  );
});

/** The jobs the workers' heartbeats count, once they count at least `n`. */
async function jobsDone(url: string, n: number): Promise<number> {
  const client = inspect(url);
  try {
    let total = 0;
    await waitUntilAsync(async () => {
      total = (await heartbeats(client)).reduce((sum, h) => sum + h.jobsDone, 0);
      return total >= n;
    }, "the workers' heartbeats to count every job");
    return total;
  } finally {
    client.disconnect();
  }
}

async function waitUntilAsync(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited 180000 ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
