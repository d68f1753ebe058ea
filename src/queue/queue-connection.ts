/**
 * The Redis connection of a coordinator or worker, from a URL:
 * `redis://[USER@]HOST:PORT[/DB]` or `rediss://...` (TLS). The AUTH password
 * comes from STEWARD_QUEUE_PASSWORD or the file named by
 * STEWARD_QUEUE_PASSWORD_FILE (a password in the URL works too, but URLs end
 * up in charters, shell histories and process lists); it is never stored,
 * logged, or put in Redis. For a TLS server whose certificate is not signed by
 * a public authority, STEWARD_QUEUE_CA names the CA certificate (PEM) to trust.
 */
import fs from "node:fs";
import { Redis, type RedisOptions } from "ioredis";
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

/** Password and TLS settings from the environment, for a connection to `url`. */
export function securityOptions(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): Pick<RedisOptions, "password" | "tls"> {
  const options: Pick<RedisOptions, "password" | "tls"> = {};
  const file = env.STEWARD_QUEUE_PASSWORD_FILE;
  if (env.STEWARD_QUEUE_PASSWORD) options.password = env.STEWARD_QUEUE_PASSWORD;
  else if (file) {
    try {
      options.password = fs.readFileSync(file, "utf8").split(/\r?\n/)[0] ?? "";
    } catch (error) {
      throw new StewardError(
        "usage",
        `cannot read the Redis password from STEWARD_QUEUE_PASSWORD_FILE=${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; point it at a readable file whose first line is the password`,
      );
    }
  }
  const ca = env.STEWARD_QUEUE_CA;
  if (ca) {
    if (!url.startsWith("rediss:"))
      throw new StewardError(
        "usage",
        `STEWARD_QUEUE_CA is set but the queue URL ${displayUrl(url)} is not TLS: use rediss://`,
      );
    try {
      options.tls = { ca: fs.readFileSync(ca) };
    } catch (error) {
      throw new StewardError(
        "usage",
        `cannot read the CA certificate STEWARD_QUEUE_CA=${ca}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return options;
}

/** A connection BullMQ can block on: commands wait for a reconnect instead of failing. */
export function connect(url: string): Redis {
  const redis = new Redis(checkQueueUrl(url), {
    ...securityOptions(url),
    maxRetriesPerRequest: null,
    // Back off up to 2 s between reconnects: a Redis restart pauses work, it does not end it.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    lazyConnect: false,
  });
  // Errors while Redis is away are retried; they are not the process's end.
  redis.on("error", () => {});
  return redis;
}

/** A connection that fails fast instead of waiting, for one-off reads (`steward status`). */
export function connectOnce(url: string): Redis {
  const redis = new Redis(checkQueueUrl(url), {
    ...securityOptions(url),
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  return redis;
}

/**
 * Calls `notice` when `redis` loses its server (with the reason, again if the
 * reason changes) and once when it is back, so a person sees why work paused
 * and that it resumed.
 */
export function watchConnection(
  redis: Redis,
  url: string,
  notice: (message: string) => void,
  /** Appended to the message that Redis is away: what the person can do. */
  hint = "",
): void {
  let down = false;
  /** Reasons already told during this outage. */
  const told = new Set<string>();
  let ready = redis.status === "ready";
  redis.on("ready", () => {
    if (down) notice(`Redis at ${displayUrl(url)} is reachable again: the queue resumed`);
    down = false;
    told.clear();
    ready = true;
  });
  redis.on("error", (error: Error) => {
    // Once per outage, and again when the reason changes (refused, then a wrong password).
    const why = describeError(error);
    if (told.has(why)) return;
    down = true;
    told.add(why);
    const what = ready ? "is unreachable" : "cannot be reached";
    notice(
      `Redis at ${displayUrl(url)} ${what} (${why}): the queue is paused and retries every 2 s; nothing acknowledged is lost${hint ? `; ${hint}` : ""}`,
    );
  });
}

function describeError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message.replace(/\s+/g, " ").slice(0, 200);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
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
    `--queue must be a Redis URL like redis://HOST:6379/0 or rediss://HOST:6380 (got "${displayUrl(url)}"); give the password in STEWARD_QUEUE_PASSWORD or STEWARD_QUEUE_PASSWORD_FILE`,
  );
}
