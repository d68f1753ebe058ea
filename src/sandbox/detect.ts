/**
 * Which sandbox level this machine gives, and why. `steward doctor` prints it;
 * `steward run` and `steward eval` print it first and refuse to run below an
 * isolating level unless the user opted in (see requireSandbox); every
 * evaluation records the level it ran at.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { StewardError } from "../errors.ts";
import type { SandboxBackend } from "./backend.ts";
import { BubblewrapBackend } from "./bubblewrap.ts";
import { hasLimitTools, isRoot } from "./identity.ts";
import {
  isIsolating,
  LEVELS_STRONGEST_FIRST,
  meetsRequirement,
  type SandboxLevel,
  type SandboxRequirement,
} from "./level.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { NamespaceBackend } from "./namespace.ts";
import { nodePermissionArgs } from "./node-permissions.ts";
import { PlainProcessBackend } from "./plain-process.ts";
import { bwrapPath, unsharePath } from "./tool-paths.ts";

export interface LevelProbe {
  level: SandboxLevel;
  available: boolean;
  /** Why it works or does not, in one line. */
  why: string;
}

export interface SandboxReport {
  /** The strongest level that works here (`process` when nothing isolating does). */
  level: SandboxLevel;
  /** One line per fact that decided the level, for `steward doctor`. */
  reasons: string[];
  /** What the level does not protect against, said loudly when non-empty. */
  weaknesses: string[];
  nodePermissionFlag: string;
  /** The levels probed, strongest first (a forced level probes only itself, except for doctor). */
  levels: LevelProbe[];
  /** The one command that would enable a stronger level than the strongest probed to work, if any. */
  fix: string | null;
  /** The user asked for the process level by name (STEWARD_SANDBOX / --sandbox). */
  optedIntoProcess: boolean;
}

const cache = new Map<string, { report: SandboxReport; backend: SandboxBackend }>();

/** What the `process` level does not protect against. */
export const PROCESS_LEVEL_WEAKNESSES = [
  "candidates can open network connections",
  "non-JS candidates can read the host's world-readable files",
  "an isolating level (bubblewrap or namespace) closes both: run steward doctor",
];

export function weaknessesOf(level: SandboxLevel): string[] {
  return isIsolating(level) ? [] : PROCESS_LEVEL_WEAKNESSES;
}

/**
 * The backend for a level already detected (by the engine), without probing
 * again; every sandbox it prepares also hides `hide` (see SandboxSpec.hide).
 */
export function backendFor(level: SandboxLevel, hide: readonly string[] = []): SandboxBackend {
  const backend =
    level === "bubblewrap"
      ? new BubblewrapBackend()
      : level === "namespace"
        ? new NamespaceBackend()
        : new PlainProcessBackend();
  if (hide.length === 0) return backend;
  return {
    level: backend.level,
    prepare: (spec) => backend.prepare({ ...spec, hide: [...(spec.hide ?? []), ...hide] }),
  };
}

/** Probes the machine once per process (and per STEWARD_SANDBOX/_BWRAP/_UNSHARE setting). */
export function detectSandbox(): { report: SandboxReport; backend: SandboxBackend } {
  const env = process.env;
  const key = [env.STEWARD_SANDBOX, bwrapPath(), unsharePath()].join("\0");
  const hit = cache.get(key);
  if (hit) return hit;
  const detected = probe(false);
  cache.set(key, detected);
  return detected;
}

/** Every level probed, even past the first that works: for `steward doctor`. */
export function probeAllLevels(): SandboxReport {
  return probe(true).report;
}

/**
 * Refuses, with the fix and the opt-in in the message, when evaluations may not
 * run at the detected level under the charter's `sandbox:` requirement.
 */
export function requireSandbox(report: SandboxReport, requirement: SandboxRequirement): void {
  if (meetsRequirement(report.level, requirement, report.optedIntoProcess)) return;
  const tried = report.levels
    .filter((l) => l.level !== "process")
    .map((l) => `${l.level}: ${l.why}`)
    .join("; ");
  const fix = report.fix ? ` To fix it: ${report.fix}.` : "";
  if (requirement === "strict") {
    throw new StewardError(
      "sandbox-unavailable",
      `the charter demands "sandbox: strict" (an isolating level) but only the "${report.level}" level is available here${tried ? ` (${tried})` : ""}.${fix} Run "steward doctor" for details.`,
    );
  }
  throw new StewardError(
    "sandbox-unavailable",
    `no isolating sandbox works on this machine (${tried}), and Steward does not fall back to the weak "process" level (network open, host files readable) by itself.${fix} Or accept the process level explicitly: --sandbox process, STEWARD_SANDBOX=process, or "sandbox: process" in the charter. Run "steward doctor" for details.`,
  );
}

/** The charter's requirement after the user's opt-in: what the evaluator checks. */
export function effectiveRequirement(
  report: SandboxReport,
  requirement: SandboxRequirement,
): SandboxRequirement {
  return report.optedIntoProcess && requirement === "any" ? "process" : requirement;
}

function probe(all: boolean): { report: SandboxReport; backend: SandboxBackend } {
  const reasons: string[] = [];
  const nodePermissionFlag = permissionFlag();
  reasons.push(`node ${process.version}: permission model flag ${nodePermissionFlag}`);
  if (process.platform !== "linux") {
    throw new StewardError(
      "sandbox-unavailable",
      `Steward's sandbox needs Linux (this is ${process.platform})`,
    );
  }
  if (!hasLimitTools()) {
    throw new StewardError(
      "sandbox-unavailable",
      "prlimit (and setpriv, as root) from util-linux are needed: apt-get install util-linux",
    );
  }
  reasons.push(
    isRoot() ? "running as root: candidates get a throwaway uid" : "running as a normal user",
  );
  const forced = forcedLevel();
  const levels: LevelProbe[] = [];
  let chosen: SandboxLevel | null = null;
  // `all` (steward doctor) probes every level even when one is asked for, so
  // that it reports what the machine gives, not only the level chosen.
  for (const candidate of LEVELS_STRONGEST_FIRST) {
    if (forced && candidate !== forced && !all) continue;
    const result = probeLevel(candidate);
    levels.push(result);
    reasons.push(`${candidate}: ${result.why}`);
    if (result.available && (!forced || candidate === forced)) chosen ??= candidate;
    if (chosen && !all) break;
  }
  const level = chosen ?? "process";
  const asked = levels.find((l) => l.level === forced);
  if (forced && forced !== "process" && !asked?.available) {
    throw new StewardError(
      "sandbox-unavailable",
      `the ${forced} sandbox level was asked for (--sandbox or STEWARD_SANDBOX) but ${asked?.why}; run "steward doctor"`,
    );
  }
  const strongest = levels.find((l) => l.available)?.level ?? "process";
  const report: SandboxReport = {
    level,
    reasons,
    weaknesses: weaknessesOf(level),
    nodePermissionFlag,
    levels,
    fix: fixFor(strongest),
    optedIntoProcess: forced === "process",
  };
  return { report, backend: backendFor(level) };
}

function forcedLevel(): SandboxLevel | null {
  const forced = process.env.STEWARD_SANDBOX;
  if (!forced) return null;
  if ((LEVELS_STRONGEST_FIRST as readonly string[]).includes(forced)) return forced as SandboxLevel;
  throw new StewardError(
    "usage",
    `STEWARD_SANDBOX must be one of ${LEVELS_STRONGEST_FIRST.join(", ")} (got "${forced}")`,
  );
}

function probeLevel(level: SandboxLevel): LevelProbe {
  if (level === "process") return { level, available: true, why: "always available (weak)" };
  const tool = level === "bubblewrap" ? bwrapPath() : unsharePath();
  if (!fs.existsSync(tool)) return { level, available: false, why: `${tool} not found` };
  const backend = level === "bubblewrap" ? new BubblewrapBackend(tool) : new NamespaceBackend(tool);
  const prepared = backend.prepare({
    mounts: {},
    limits: DEFAULT_LIMITS,
    command: () => ["/usr/bin/true"],
  });
  const run = spawnSync(prepared.file, prepared.args, {
    env: prepared.env,
    cwd: prepared.cwd,
    timeout: 10_000,
    encoding: "utf8",
  });
  prepared.cleanup();
  if (run.status === 0) {
    return {
      level,
      available: true,
      why: `${tool} works (network, pid, ipc, uts, mount unshared)`,
    };
  }
  const why = (run.stderr || run.error?.message || `exit ${run.status}`).trim().split("\n")[0];
  return { level, available: false, why: `${tool} cannot create a sandbox here: ${why}` };
}

/** The one command that would give a stronger level than `level`. */
function fixFor(level: SandboxLevel): string | null {
  if (level === "bubblewrap") return null;
  if (!fs.existsSync(bwrapPath()) || level === "namespace")
    return "apt-get install bubblewrap (as root)";
  return userNamespaceFix();
}

/** Both bubblewrap (as a normal user) and the namespace level need user namespaces. */
function userNamespaceFix(): string {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, "utf8").trim();
    } catch {
      return null;
    }
  };
  if (read("/proc/sys/kernel/unprivileged_userns_clone") === "0")
    return "sysctl -w kernel.unprivileged_userns_clone=1";
  if (read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") === "1")
    return "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0";
  if (read("/proc/sys/user/max_user_namespaces") === "0")
    return "sysctl -w user.max_user_namespaces=15000";
  return "enable unprivileged user namespaces (sysctl -w kernel.unprivileged_userns_clone=1), or run Steward as root";
}

function permissionFlag(): string {
  return nodePermissionArgs({ read: [], write: [] })[0] as string;
}
