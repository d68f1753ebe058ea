/**
 * The `process` level, used where bubblewrap is missing: a child process in
 * its own group with an empty environment, a private temp working folder,
 * resource limits and (as root) a throwaway uid. It does NOT block the network
 * and does not hide the host's world-readable files from non-JS candidates.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PreparedSandbox, SandboxBackend, SandboxSpec } from "./backend.ts";
import { isRoot, limitPrefix, throwawayUid } from "./identity.ts";

export class PlainProcessBackend implements SandboxBackend {
  readonly level = "process" as const;

  prepare(spec: SandboxSpec): PreparedSandbox {
    const uid = isRoot() ? throwawayUid() : null;
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-work-"));
    fs.mkdirSync(path.join(workDir, ".tmp"));
    if (uid !== null) {
      fs.chownSync(workDir, uid, uid);
      fs.chownSync(path.join(workDir, ".tmp"), uid, uid);
    }
    const [file, ...prefix] = limitPrefix(spec.limits, uid);
    const args = [...prefix, ...spec.command({ mounts: { ...spec.mounts }, workDir })];
    return {
      file: file as string,
      args,
      env: {
        PATH: "/usr/local/bin:/usr/bin:/bin",
        HOME: workDir,
        TMPDIR: path.join(workDir, ".tmp"),
        LANG: "C.UTF-8",
      },
      cwd: workDir,
      uid,
      writtenBytes: () => folderBytes(workDir),
      cleanup: () => fs.rmSync(workDir, { recursive: true, force: true }),
    };
  }
}

/** Bytes under a folder; stops counting past 20,000 entries (treated as over any cap). */
function folderBytes(dir: string): number {
  let total = 0;
  let entries = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of names) {
      if (++entries > 20_000) return Number.MAX_SAFE_INTEGER;
      const full = path.join(current, d.name);
      if (d.isDirectory()) stack.push(full);
      else if (d.isFile()) total += fs.lstatSync(full, { throwIfNoEntry: false })?.size ?? 0;
    }
  }
  return total;
}
