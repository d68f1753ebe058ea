/**
 * compose.yaml without Docker (no Docker daemon here or on CI): its services'
 * own commands, read from the file, run as plain processes on 127.0.0.1 —
 * Redis from its entrypoint script, the healthcheck until it passes, the
 * coordinator and `deploy.replicas` workers from the image's ENTRYPOINT and
 * their `command`, with the shared environment and the password secret. What
 * this proves: the flags, environment names, secret handling and entrypoint in
 * compose.yaml are ones Steward and redis-server accept, and together they run
 * a queued bin-packing run to its end on the workers. What it cannot: the image
 * build and container networking. The only changes made, each below: paths
 * inside containers become temp paths, the `redis` host becomes 127.0.0.1 on a
 * free port, and the coordinator's budget shrinks from 1000 evaluations to 6.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { processesOfUidRange } from "../helpers/processes.ts";
import { EXAMPLES, exited } from "../helpers/run-cli.ts";
import { waitUntil } from "../helpers/wait.ts";
import { UIDS } from "./fleet.ts";
import { freePort } from "./redis-server.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SECRET_PATH = "/run/secrets/redis_password";
const N = 6;

interface Service {
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
  volumes?: string[];
  build?: { dockerfile_inline: string };
}

const compose = YAML.parse(fs.readFileSync(path.join(ROOT, "compose.yaml"), "utf8"), {
  merge: true,
}) as { services: Record<string, Service> };
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yaml has no service "${name}"`);
  return found;
};

/** The image's ENTRYPOINT, run from this checkout instead of /opt/steward. */
function entrypoint(build: Service["build"]): string[] {
  const line = build?.dockerfile_inline.split("\n").find((l) => l.trim().startsWith("ENTRYPOINT"));
  if (!line) throw new Error("compose.yaml's image has no ENTRYPOINT");
  const argv = JSON.parse(line.trim().slice("ENTRYPOINT".length)) as string[];
  return argv.map((arg) => arg.replace("/opt/steward/", ROOT));
}

describe("compose.yaml's services as plain processes", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "steward-compose-"));
  const children: ChildProcess[] = [];
  const start = (argv: string[], env: NodeJS.ProcessEnv) => {
    const [file, ...args] = argv;
    const child = spawn(file as string, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    children.push(child);
    return { child, output: () => output };
  };

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(children.map(exited));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("Redis with its healthcheck, the coordinator and the replicated workers run a queued run to its end", async () => {
    const secret = path.join(tmp, "redis_password");
    fs.writeFileSync(secret, "compose-test-password-7f3a\n");
    const port = await freePort();
    // Compose turns $$ into $; the secret is a file at SECRET_PATH in the container.
    const inContainer = (text: string) =>
      text.replaceAll("$$", "$").replaceAll(SECRET_PATH, secret);

    // Redis: the entrypoint's own script, told where to listen and keep its files.
    const redis = service("redis");
    const [shell, flag, script] = redis.entrypoint ?? [];
    expect([shell, flag]).toEqual(["sh", "-c"]);
    const server = start(
      ["sh", "-c", `${inContainer(script as string)} --port ${port} --bind 127.0.0.1 --dir ${tmp}`],
      {},
    );
    // The healthcheck, as Docker runs it (CMD-SHELL), against this server.
    const [kind, check] = redis.healthcheck?.test ?? [];
    expect(kind).toBe("CMD-SHELL");
    const healthy = () =>
      spawnSync("sh", [
        "-c",
        inContainer(check as string).replace("redis-cli", `redis-cli -p ${port}`),
      ]).status === 0;
    await waitUntil(
      () => healthy() || server.child.exitCode !== null,
      "Redis to pass its healthcheck",
    );
    expect(server.output()).not.toContain("FATAL");
    expect(healthy()).toBe(true);

    // The shared environment: the queue URL names the `redis` service.
    const coordinator = service("coordinator");
    const env = coordinator.environment ?? {};
    expect(env.STEWARD_QUEUE).toMatch(/^redis:\/\/redis:6379\//);
    expect(env.STEWARD_QUEUE_PASSWORD_FILE).toBe(SECRET_PATH);
    const shared = {
      STEWARD_QUEUE: (env.STEWARD_QUEUE as string).replace("redis:6379", `127.0.0.1:${port}`),
      STEWARD_QUEUE_PASSWORD_FILE: secret,
      STEWARD_SANDBOX_UIDS: `${UIDS.low}-${UIDS.high}`,
    };
    const command = entrypoint(coordinator.build);
    // The image starts Node with the flags the installed command's first line gives it.
    const shebang = fs.readFileSync(path.join(ROOT, "dist/cli/bin.js"), "utf8").split("\n")[0];
    expect(command.slice(1, -1)).toEqual(shebang?.split(" ").slice(3));
    expect(spawnSync(path.join(ROOT, "dist/cli/bin.js"), ["--help"]).status).toBe(0);

    // The workers: `deploy.replicas` of them, each with its own config folder
    // (the worker-cache volume).
    const worker = service("worker");
    const replicas = worker.deploy?.replicas ?? 1;
    expect(replicas).toBeGreaterThanOrEqual(2);
    const workers = Array.from({ length: replicas }, (_, i) =>
      start([...command, ...(worker.command ?? [])], {
        ...shared,
        STEWARD_CONFIG_DIR: path.join(tmp, `worker-${i}`),
      }),
    );
    const ready = (w: (typeof workers)[number]) => w.output().includes("waiting for jobs");
    await waitUntil(
      () => workers.every((w) => ready(w) || w.child.exitCode !== null),
      "the workers to start",
    );
    for (const w of workers) expect(ready(w), w.output()).toBe(true);

    // The coordinator: its problem folder is the ./examples volume at /problems.
    const mount = (coordinator.volumes ?? []).find((v) => v.startsWith("./examples:"));
    const target = mount?.split(":")[1] as string;
    const problems = path.join(tmp, "problems");
    fs.cpSync(path.join(EXAMPLES, "bin-packing"), path.join(problems, "bin-packing"), {
      recursive: true,
      filter: (source) => !source.includes(".steward"),
    });
    const args = (coordinator.command ?? []).map((arg) => arg.replace(target, problems));
    const budget = args.indexOf("--max-evals");
    expect(budget).toBeGreaterThan(0);
    args[budget + 1] = String(N);
    const run = start([...command, ...args], {
      ...shared,
      STEWARD_CONFIG_DIR: path.join(tmp, "coordinator"),
    });
    const status = await exited(run.child);
    expect(run.output()).not.toContain("steward run:");
    expect(status).toBe(0);
    expect(run.output()).toContain(`reached the evaluation budget (${N} evaluations)`);

    // Every evaluation after the seed's ran on a worker, which recorded itself.
    const db = new Database(problemStorePath(path.join(problems, "bin-packing")), {
      readonly: true,
    });
    try {
      const rows = db.prepare("SELECT worker FROM evaluations").all() as {
        worker: string | null;
      }[];
      expect(rows).toHaveLength(N);
      expect(rows.filter((r) => r.worker !== null).length).toBeGreaterThanOrEqual(N - 1);
    } finally {
      db.close();
    }
    await waitUntil(
      () => processesOfUidRange(UIDS.low, UIDS.high).length === 0,
      "no sandbox process left",
    );
  }, 600_000);
});
