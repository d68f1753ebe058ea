/**
 * A sandbox backend turns "run this command on these read-only folders with
 * these limits" into a host command line. Backends differ in what they can
 * isolate (see level.ts); `launch.ts` does the rest (spawn, watch, kill) the
 * same way for all of them.
 */
import type { SandboxLevel } from "./level.ts";
import type { SandboxLimits } from "./limits.ts";

export interface SandboxSpec {
  /** Host folders the candidate may read, by name (e.g. "lib", "candidate"). */
  mounts: Record<string, string>;
  /** Builds the command from where the mounts and the work dir appear inside. */
  command(view: SandboxView): string[];
  limits: SandboxLimits;
  /**
   * Host folders the candidate must never see (the problem folder, the store,
   * the config folder with the keys): the isolating levels mask any of them
   * that lies inside what they show, such as a problem folder in /usr/src.
   */
  hide?: string[];
}

export interface SandboxView {
  mounts: Record<string, string>;
  /** The private, writable, size-capped working folder. */
  workDir: string;
}

export interface PreparedSandbox {
  /** Host command and arguments to spawn. */
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** The uid the candidate runs as, when Steward could give it its own. */
  uid: number | null;
  /** Bytes written by the candidate so far, or null if not measurable now. */
  writtenBytes(rootPid: number): number | null;
  /** Removes whatever the backend created on the host. */
  cleanup(): void;
}

export interface SandboxBackend {
  readonly level: SandboxLevel;
  prepare(spec: SandboxSpec): PreparedSandbox;
}
