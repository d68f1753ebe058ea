/**
 * A small tmpfs mounted over a folder in a private mount namespace (Linux, root:
 * `unshare --mount`), so a test can fill a disk without touching the machine's.
 * A `sleep` holds the namespace; the engine runs in it through `nsenter`, and
 * this process reaches the tmpfs's files through /proc/PID/root. Not SQLite:
 * it resolves that symbolic link to "/" and would open the file under the
 * mount, so store checks run inside the namespace too. Everything goes when
 * `close()` ends the holder and the last process in the namespace exits.
 */
import { type ChildProcess, type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface PrivateTmpfs {
  /** `file` (an absolute path as the engine sees it) as this process reaches it. */
  outside(file: string): string;
  /** Starts `command` inside the namespace, where the tmpfs is mounted over the folder. */
  spawn(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess;
  /** Runs `command` inside the namespace to its end. */
  run(command: string, args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  /** Fills the tmpfs with `file` until the disk is full; returns the bytes written. */
  fill(file: string): number;
  close(): void;
}

/** Mounts the tmpfs, or says why it cannot (not root, no unshare, no mount namespaces...). */
export async function mountPrivateTmpfs(
  dir: string,
  sizeMb: number,
): Promise<PrivateTmpfs | { unavailable: string }> {
  const script = `mount -t tmpfs -o size=${sizeMb}m tmpfs "$1" && echo mounted && exec sleep 3600`;
  let holder: ChildProcess;
  try {
    holder = spawn(
      "unshare",
      ["--mount", "--propagation", "private", "sh", "-c", script, "sh", dir],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  } catch (error) {
    return { unavailable: `cannot start unshare: ${String(error)}` };
  }
  let stderr = "";
  holder.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const mounted = await new Promise<boolean>((resolve) => {
    holder.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("mounted")) resolve(true);
    });
    holder.once("error", (error) => {
      stderr += String(error);
      resolve(false);
    });
    holder.once("exit", () => resolve(false));
  });
  const pid = holder.pid;
  if (!mounted || pid === undefined) {
    holder.kill("SIGKILL");
    return { unavailable: `unshare --mount with a tmpfs failed: ${stderr.trim() || "no output"}` };
  }
  // `unshare` execs the shell, which execs sleep: the holder's pid is in the namespace.
  const root = `/proc/${pid}/root`;
  const enter = ["-t", String(pid), "-m", `--wd=${process.cwd()}`, "--"];
  return {
    outside: (file) => path.join(root, file),
    spawn: (command, args, env) =>
      spawn("nsenter", [...enter, command, ...args], { stdio: ["ignore", "pipe", "pipe"], env }),
    run: (command, args, env) =>
      spawnSync("nsenter", [...enter, command, ...args], {
        encoding: "utf8",
        env,
        timeout: 60_000,
      }),
    fill: (file) => fillDisk(path.join(root, file)),
    close: () => {
      holder.kill("SIGKILL");
    },
  };
}

/** Is nsenter there too (util-linux)? */
export function nsenterAvailable(): boolean {
  return spawnSync("nsenter", ["--version"]).status === 0;
}

function fillDisk(file: string): number {
  const fd = fs.openSync(file, "w");
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          const n = fs.writeSync(fd, chunk);
          written += n;
          if (n < size) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}
