/**
 * Real `steward worker` processes and views of a real Redis for the queue
 * tests: start a worker (its own config and cache folders, throwaway sandbox
 * uids), read the workers' heartbeats, dump every key and value.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Redis, type RedisOptions } from "ioredis";
import { BIN } from "../helpers/run-cli.ts";

/** Throwaway uids of these workers' sandboxes only, so leftovers are ours to find. */
export const UIDS = { low: 1_500_000_000, high: 1_500_100_000 };

export interface TestWorker {
  child: ChildProcess;
  stderr: () => string;
  cache: string;
}

export function startWorker(
  url: string,
  root: string,
  name: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): TestWorker {
  const cache = path.join(root, `${name}-cache`);
  const child = spawn(
    process.execPath,
    [BIN, "worker", "--queue", url, "--cache", cache, "--lock-ms", "2000", ...extra],
    {
      env: {
        ...process.env,
        STEWARD_CONFIG_DIR: path.join(root, `${name}-config`),
        STEWARD_SANDBOX_UIDS: `${UIDS.low}-${UIDS.high}`,
        ...env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return { child, stderr: () => stderr, cache };
}

export interface Heartbeat {
  id: string;
  host: string;
  level: string;
  jobsDone: number;
  refused: number;
}

/** The workers' last heartbeats, read straight from Redis. */
export async function heartbeats(client: Redis): Promise<Heartbeat[]> {
  const keys = await client.keys("steward:worker:*");
  const out: Heartbeat[] = [];
  for (const key of keys) {
    const h = await client.hgetall(key);
    out.push({
      id: h.id ?? "",
      host: h.host ?? "",
      level: h.level ?? "",
      jobsDone: Number(h.jobsDone),
      refused: Number(h.refused),
    });
  }
  return out;
}

/** A client for reading what the test's Redis holds. */
export function inspect(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 3, ...options });
  client.on("error", () => {});
  return client;
}

/** Every key and every value in Redis, as text. */
export async function everything(client: Redis): Promise<string> {
  const parts: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await client.type(key);
      if (type === "string") parts.push((await client.getBuffer(key))?.toString("latin1") ?? "");
      else if (type === "hash")
        for (const [f, v] of Object.entries(await client.hgetallBuffer(key)))
          parts.push(f, v.toString("latin1"));
      else if (type === "list") parts.push(...(await client.lrange(key, 0, -1)));
      else if (type === "set") parts.push(...(await client.smembers(key)));
      else if (type === "zset") parts.push(...(await client.zrange(key, 0, -1)));
      else if (type === "stream")
        for (const [, fields] of await client.xrange(key, "-", "+")) parts.push(...fields);
    }
  } while (cursor !== "0");
  return parts.join("\n");
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
