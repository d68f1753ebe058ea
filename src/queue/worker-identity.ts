/**
 * Who a `steward worker` is, as recorded with every evaluation it runs and
 * shown by `steward status` and `steward show`: a unique id (host, pid and a
 * random tag), the host name, the sandbox level it evaluates at (its machine's
 * strongest), and the versions of Steward and Node.js it runs.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import type { EvaluatedBy } from "../evaluation/outcome.ts";
import type { SandboxLevel } from "../sandbox/level.ts";

let version: string | null = null;

/** This Steward's version, from its package.json. */
export function stewardVersion(): string {
  if (version === null) {
    try {
      const url = new URL("../../package.json", import.meta.url);
      version = String(JSON.parse(fs.readFileSync(url, "utf8")).version ?? "unknown");
    } catch {
      version = "unknown";
    }
  }
  return version;
}

export function workerIdentity(level: SandboxLevel): EvaluatedBy {
  return {
    id: `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    host: os.hostname(),
    level,
    steward: stewardVersion(),
    node: process.version,
  };
}

/** One line for people: `host (id), sandbox level, steward X, node Y`. */
export function describeWorker(worker: EvaluatedBy): string {
  return `${worker.host} (${worker.id}), sandbox ${worker.level}, steward ${worker.steward}, node ${worker.node}`;
}
