/**
 * The Redis connection of a coordinator or worker, from a URL:
 * `redis://[:PASSWORD@]HOST:PORT[/DB]` or `rediss://...` (TLS), with Redis AUTH
 * from the URL's user and password (ioredis reads both).
 */
import { Redis } from "ioredis";
import { StewardError } from "../errors.ts";

export function checkQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usage(url);
  }
  if ((parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || !parsed.hostname)
    throw usage(url);
  return url;
}

/** A connection BullMQ can block on: commands wait for a reconnect instead of failing. */
export function connect(url: string): Redis {
  const redis = new Redis(checkQueueUrl(url), {
    maxRetriesPerRequest: null,
    // Back off up to 2 s between reconnects: a Redis restart pauses work, it does not end it.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    lazyConnect: false,
  });
  // Errors while Redis is away are retried; they are not the process's end.
  redis.on("error", () => {});
  return redis;
}

/** The URL without its password, for messages and `steward status`. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

function usage(url: string): StewardError {
  return new StewardError(
    "usage",
    `--queue must be a Redis URL like redis://HOST:6379/0 or rediss://:PASSWORD@HOST:6380 (got "${displayUrl(url)}")`,
  );
}
