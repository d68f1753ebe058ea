/** Helpers to run the real `steward` command in tests. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The compiled command, as installed; test/setup/build-dist.ts builds it before the tests. */
export const BIN = fileURLToPath(new URL("../../dist/cli/bin.js", import.meta.url));
export const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

export function steward(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 600_000 });
}

export function stewardAsync(...args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** A fresh copy of an example in a temp folder (without any run state). */
export function copyExample(name: string): { dir: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `steward-${name}-`));
  const dir = path.join(root, name);
  fs.cpSync(path.join(EXAMPLES, name), dir, {
    recursive: true,
    filter: (source) => !source.includes(".steward"),
  });
  return { dir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/**
 * Runs `steward` without blocking this process: needed when the test itself
 * serves something the command calls (the local LLM server). `prefix` runs it
 * through another command (`setpriv` to another user); `inherit: false` gives
 * it `env` alone instead of this process's environment plus `env`.
 */
export function stewardDone(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { prefix?: string[]; inherit?: boolean; cwd?: string } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const [file, ...rest] = [...(options.prefix ?? []), process.execPath, BIN, ...args];
    const child = spawn(file as string, rest, {
      env: options.inherit === false ? env : { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.cwd && { cwd: options.cwd }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // "close", not "exit": the output may still be in the pipes when it exits.
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
