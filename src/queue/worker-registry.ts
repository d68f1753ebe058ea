/**
 * Workers announce themselves in Redis with a heartbeat: a hash per worker that
 * expires when the heartbeats stop, so `steward status` lists the workers seen
 * recently and the coordinator sizes its backlog to the fleet. Kept in Redis,
 * not in a problem's store: workers serve any number of problems.
 */
import type { Redis } from "ioredis";
import { StewardError } from "../errors.ts";
import type { WorkerIdentity } from "./job-contract.ts";
import { connectOnce, displayUrl } from "./queue-connection.ts";

const PREFIX = "steward:worker:";
export const HEARTBEAT_MS = 2_000;
/** A worker not heard from for this long is no longer listed. */
export const SEEN_TTL_MS = 30_000;

export interface WorkerSeen extends WorkerIdentity {
  concurrency: number;
  jobsDone: number;
  refused: number;
  lastHeartbeat: string;
}

export async function heartbeat(redis: Redis, worker: WorkerSeen): Promise<void> {
  const key = PREFIX + worker.id;
  await redis
    .multi()
    .hset(key, {
      id: worker.id,
      host: worker.host,
      level: worker.level,
      steward: worker.steward,
      node: worker.node,
      concurrency: String(worker.concurrency),
      jobsDone: String(worker.jobsDone),
      refused: String(worker.refused),
      lastHeartbeat: worker.lastHeartbeat,
    })
    .pexpire(key, SEEN_TTL_MS)
    .exec();
}

export async function forget(redis: Redis, id: string): Promise<void> {
  await redis.del(PREFIX + id);
}

export async function workersSeen(redis: Redis): Promise<WorkerSeen[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${PREFIX}*`, "COUNT", 200);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  const seen: WorkerSeen[] = [];
  for (const key of keys.sort()) {
    const h = await redis.hgetall(key);
    if (!h.id) continue;
    seen.push({
      id: h.id,
      host: h.host ?? "",
      level: h.level as WorkerSeen["level"],
      steward: h.steward ?? "",
      node: h.node ?? "",
      concurrency: Number(h.concurrency ?? 1),
      jobsDone: Number(h.jobsDone ?? 0),
      refused: Number(h.refused ?? 0),
      lastHeartbeat: h.lastHeartbeat ?? "",
    });
  }
  return seen;
}

/** The workers seen recently on the Redis at `url`, for `steward status`. */
export async function listWorkers(url: string): Promise<WorkerSeen[]> {
  const redis = connectOnce(url);
  try {
    return await workersSeen(redis);
  } catch (error) {
    throw new StewardError(
      "io",
      `cannot read the workers from ${displayUrl(url)}: ${(error as Error).message}; is Redis running there?`,
    );
  } finally {
    redis.disconnect();
  }
}
