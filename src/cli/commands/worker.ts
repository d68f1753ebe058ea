/** `steward worker --queue URL`: evaluate candidates for coordinators anywhere. */

import path from "node:path";
import { EvaluatorPool } from "../../engine/evaluator-pool.ts";
import { StewardError } from "../../errors.ts";
import { checkQueueUrl, displayUrl } from "../../queue/queue-connection.ts";
import { runWorker } from "../../queue/worker-loop.ts";
import { stewardConfigDir } from "../../util/config-dir.ts";
import { integer, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward worker --queue redis://HOST:PORT[/DB] [options]

Takes evaluation jobs that "steward run PROBLEM --queue URL" puts on Redis
(BullMQ), evaluates each in this machine's sandbox at its strongest level, and
returns the outcome. Start any number, on any machines; they may join and
leave at any time (a worker killed mid-job costs a retry, never a lost or
doubled result). A job names its problem by the hash of its trusted files;
the worker fetches that bundle from Redis once, checks every file's hash, and
caches it. It refuses a job whose bundle does not match, or that demands a
stronger sandbox than it has: the job goes back to the queue for another
worker, and the coordinator prints why. Each evaluation is recorded with this
worker's identity (host, id, sandbox level, versions). It holds no keys: it
sees only the job.

Options:
  --queue URL        Redis URL (redis://HOST:PORT[/DB], or rediss:// for TLS);
                     default $STEWARD_QUEUE
  --concurrency N    evaluations at once (default 1)
  --problems DIR     use the problem folders under DIR (a shared path) instead of
                     fetching bundles; a folder whose files differ is not used
  --cache DIR        where fetched bundles are kept (default <config>/bundles)
  --lock-ms MS       how long a job's lock lasts without renewal; a dead worker's
                     job goes to another worker after about this long (default 30000)
  -h, --help         show this help

Environment:
  STEWARD_QUEUE_PASSWORD       Redis AUTH password (never logged or stored)
  STEWARD_QUEUE_PASSWORD_FILE  a file whose first line is the password
  STEWARD_QUEUE_CA             CA certificate (PEM) for a rediss:// server
  STEWARD_SANDBOX              evaluate at this level instead of the strongest

If Redis goes away, the worker says so and waits for it. Stop it with Ctrl-C
or SIGTERM: evaluations in progress are stopped and their jobs go back to the
queue.`;

export const workerCommand: Command = {
  name: "worker",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs("worker", args, {
      queue: { type: "string" },
      concurrency: { type: "string" },
      problems: { type: "string" },
      cache: { type: "string" },
      "lock-ms": { type: "string" },
    });
    const url = typeof values.queue === "string" ? values.queue : process.env.STEWARD_QUEUE;
    if (!url)
      throw new StewardError(
        "usage",
        'give the Redis URL with --queue redis://HOST:PORT[/DB] (or STEWARD_QUEUE); see "steward worker --help"',
      );
    checkQueueUrl(url);
    const concurrency = integer("concurrency", values.concurrency, 1);
    if (concurrency < 1 || concurrency > 256)
      throw new StewardError(
        "usage",
        `--concurrency must be between 1 and 256 (got ${concurrency})`,
      );
    const lockMs = integer("lock-ms", values["lock-ms"], 30_000);
    if (lockMs < 1_000)
      throw new StewardError("usage", `--lock-ms must be at least 1000 (got ${lockMs})`);
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const pool = new EvaluatorPool();
    try {
      io.err(`steward worker: queue ${displayUrl(url)}`);
      const { jobsDone } = await runWorker({
        url,
        concurrency,
        cacheDir:
          typeof values.cache === "string"
            ? path.resolve(values.cache)
            : path.join(stewardConfigDir(), "bundles"),
        problemsDir: typeof values.problems === "string" ? path.resolve(values.problems) : null,
        lockMs,
        evaluate: (problem, options) => pool.evaluate(problem, options),
        log: (line) => io.err(line),
        signal: controller.signal,
      });
      io.err(`steward worker: stopped after ${jobsDone} evaluation(s)`);
      return EXIT.ok;
    } finally {
      pool.close();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
