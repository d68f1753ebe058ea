/**
 * Which sandbox level this machine gives, and why. `steward doctor` prints it;
 * every evaluation records the level it ran at.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { SandboxBackend } from "./backend.ts";
import { BubblewrapBackend, BWRAP } from "./bubblewrap.ts";
import { hasLimitTools, isRoot } from "./identity.ts";
import type { SandboxLevel } from "./level.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { nodePermissionArgs } from "./node-permissions.ts";
import { PlainProcessBackend } from "./plain-process.ts";

export interface SandboxReport {
  level: SandboxLevel;
  /** One line per fact that decided the level, for `steward doctor`. */
  reasons: string[];
  /** What the level does not protect against, said loudly when non-empty. */
  weaknesses: string[];
  nodePermissionFlag: string;
}

const cache = new Map<string, { report: SandboxReport; backend: SandboxBackend }>();

/** What the `process` level does not protect against. */
export const PROCESS_LEVEL_WEAKNESSES = [
  "candidates can open network connections",
  "non-JS candidates can read the host's world-readable files",
  "install bubblewrap (apt-get install bubblewrap) for the bubblewrap level",
];

/** The backend for a level already detected (by the engine), without probing again. */
export function backendFor(level: SandboxLevel): SandboxBackend {
  return level === "bubblewrap" ? new BubblewrapBackend() : new PlainProcessBackend();
}

/** Probes the machine once per process (and per STEWARD_SANDBOX setting). */
export function detectSandbox(): { report: SandboxReport; backend: SandboxBackend } {
  const key = process.env.STEWARD_SANDBOX ?? "";
  const hit = cache.get(key);
  if (hit) return hit;
  const detected = probe();
  cache.set(key, detected);
  return detected;
}

function probe(): { report: SandboxReport; backend: SandboxBackend } {
  const reasons: string[] = [];
  const nodePermissionFlag = permissionFlag();
  reasons.push(`node ${process.version}: permission model flag ${nodePermissionFlag}`);
  if (process.platform !== "linux") {
    throw new Error(`Steward's sandbox needs Linux (this is ${process.platform})`);
  }
  if (!hasLimitTools()) {
    throw new Error(
      "prlimit (and setpriv, as root) from util-linux are needed: apt-get install util-linux",
    );
  }
  reasons.push(
    isRoot() ? "running as root: candidates get a throwaway uid" : "running as a normal user",
  );
  const forced = process.env.STEWARD_SANDBOX;
  const bwrap =
    forced === "process"
      ? { ok: false, message: "STEWARD_SANDBOX=process: bubblewrap not used" }
      : probeBubblewrap();
  reasons.push(bwrap.message);
  if (forced === "bubblewrap" && !bwrap.ok)
    throw new Error(`STEWARD_SANDBOX=bubblewrap but ${bwrap.message}`);
  const level: SandboxLevel = bwrap.ok ? "bubblewrap" : "process";
  const weaknesses = bwrap.ok ? [] : PROCESS_LEVEL_WEAKNESSES;
  return { report: { level, reasons, weaknesses, nodePermissionFlag }, backend: backendFor(level) };
}

function probeBubblewrap(): { ok: boolean; message: string } {
  if (!fs.existsSync(BWRAP)) return { ok: false, message: `${BWRAP} not found` };
  const prepared = new BubblewrapBackend().prepare({
    mounts: {},
    limits: DEFAULT_LIMITS,
    command: () => ["/usr/bin/true"],
  });
  const run = spawnSync(prepared.file, prepared.args, {
    env: prepared.env,
    timeout: 10_000,
    encoding: "utf8",
  });
  prepared.cleanup();
  if (run.status === 0) return { ok: true, message: `${BWRAP} works (all namespaces unshared)` };
  const why = (run.stderr || run.error?.message || `exit ${run.status}`).trim().split("\n")[0];
  return { ok: false, message: `${BWRAP} is installed but cannot create a sandbox here: ${why}` };
}

function permissionFlag(): string {
  return nodePermissionArgs({ read: [], write: [] })[0] as string;
}
