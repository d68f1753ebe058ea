/**
 * Files that let processes coordinate around one problem's run:
 * - `.steward/run.lock` holds the pid of the engine running it (one run at a time);
 * - `.steward/stop` asks that engine to stop ("graceful" or "now");
 * - `.steward/pause`, while it exists, keeps the engine from starting new
 *   candidates (evaluations in flight finish).
 * A lock left by an engine that died (kill -9) is taken over.
 */
import fs from "node:fs";
import path from "node:path";
import { StewardError } from "../errors.ts";

export type StopKind = "graceful" | "now";

const stateDir = (problemDir: string) => path.join(problemDir, ".steward");
const lockFile = (problemDir: string) => path.join(stateDir(problemDir), "run.lock");
const stopFile = (problemDir: string) => path.join(stateDir(problemDir), "stop");
const pauseFile = (problemDir: string) => path.join(stateDir(problemDir), "pause");

/** The pid of the engine running this problem, if one is alive. */
export function activeRunPid(problemDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lockFile(problemDir), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/** Takes the run lock, or says which engine holds it. Returns the release function. */
export function acquireRunLock(problemDir: string): () => void {
  fs.mkdirSync(stateDir(problemDir), { recursive: true });
  const holder = activeRunPid(problemDir);
  if (holder !== null && holder !== process.pid) {
    throw new StewardError(
      "usage",
      `a run of this problem is already active (pid ${holder}): watch it with "steward status", or stop it with "steward stop ${problemDir}"`,
    );
  }
  const file = lockFile(problemDir);
  const temp = `${file}.${process.pid}`;
  fs.writeFileSync(temp, `${process.pid}\n`);
  fs.renameSync(temp, file);
  return () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      // Already gone.
    }
  };
}

export function requestStop(problemDir: string, kind: StopKind): void {
  fs.mkdirSync(stateDir(problemDir), { recursive: true });
  fs.writeFileSync(stopFile(problemDir), kind);
}

export function readStopRequest(problemDir: string): StopKind | null {
  try {
    const text = fs.readFileSync(stopFile(problemDir), "utf8").trim();
    return text === "now" ? "now" : "graceful";
  } catch {
    return null;
  }
}

export function clearStopRequest(problemDir: string): void {
  fs.rmSync(stopFile(problemDir), { force: true });
}

export function setPaused(problemDir: string, paused: boolean): void {
  fs.mkdirSync(stateDir(problemDir), { recursive: true });
  if (paused) fs.writeFileSync(pauseFile(problemDir), `${new Date().toISOString()}\n`);
  else fs.rmSync(pauseFile(problemDir), { force: true });
}

export function isPaused(problemDir: string): boolean {
  return fs.existsSync(pauseFile(problemDir));
}
