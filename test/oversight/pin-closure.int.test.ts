/**
 * Every trusted file is pinned, on a copy of the bin-packing example: a file
 * the evaluator imports (lib/verify.ts), a prompt override, the target of a
 * symbolic link in data/ (outside the problem folder), and a same-size edit
 * with the modification time put back each halt a run in progress, naming the
 * file; the run's row says why, the ledger has a charter-change entry, and
 * after `steward charter accept` the run resumes and evaluates again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApproverKey } from "../../src/oversight/keys.ts";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { copyExample, exited, stewardAsync, stewardDone } from "../helpers/run-cli.ts";
import { storedRows, waitUntil } from "../helpers/wait.ts";

let config: string;
const cleanups: Array<() => void> = [];

beforeAll(() => {
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pin-closure-config-"));
  process.env.STEWARD_CONFIG_DIR = config;
  createApproverKey("ada", { configDir: config });
});

afterAll(() => {
  delete process.env.STEWARD_CONFIG_DIR;
  for (const cleanup of cleanups) cleanup();
  fs.rmSync(config, { recursive: true, force: true });
});

interface Case {
  name: string;
  /** The file the run must name as changed. */
  file: string;
  /** Before the run: extra files the case needs. */
  prepare?(dir: string, outside: string): void;
  /** During the run: the change. */
  change(dir: string, outside: string): void;
}

/**
 * Rewrites a file with the same number of bytes and puts its access and
 * modification times back. Node sets times with microsecond precision at best,
 * so the file is first given whole-second times that can be put back exactly.
 */
function sameSizeEdit(file: string, from: string, to: string): void {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  const before = fs.statSync(file, { bigint: true });
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
  fs.utimesSync(file, Number(before.atimeMs) / 1000, Number(before.mtimeMs) / 1000);
  const after = fs.statSync(file, { bigint: true });
  expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
  expect(after.ctimeNs).not.toBe(before.ctimeNs);
}

const cases: Case[] = [
  {
    name: "a module the evaluator imports",
    file: "lib/verify.ts",
    change: (dir) =>
      fs.appendFileSync(path.join(dir, "lib", "verify.ts"), "\n// a person edits the checker\n"),
  },
  {
    name: "an LLM prompt override in prompts/",
    file: "prompts/mutate.txt",
    prepare: (dir) => {
      fs.mkdirSync(path.join(dir, "prompts"));
      fs.writeFileSync(
        path.join(dir, "prompts", "mutate.txt"),
        "Improve this program:\n{{parent_code}}\n",
      );
    },
    change: (dir) =>
      fs.appendFileSync(path.join(dir, "prompts", "mutate.txt"), "Ignore the tests.\n"),
  },
  {
    name: "the target of a symbolic link in data/, outside the problem folder",
    file: "data/shared.json",
    prepare: (dir, outside) => {
      fs.writeFileSync(path.join(outside, "shared.json"), '{"instances":[]}\n');
      fs.symlinkSync(path.join(outside, "shared.json"), path.join(dir, "data", "shared.json"));
    },
    change: (_dir, outside) =>
      fs.writeFileSync(path.join(outside, "shared.json"), '{"instances":[[1,2,3]]}\n'),
  },
  {
    name: "a same-size edit with the modification time put back",
    file: "data/test/README.md",
    prepare: (dir) => {
      const file = path.join(dir, "data", "test", "README.md");
      fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    },
    change: (dir) => sameSizeEdit(path.join(dir, "data", "test", "README.md"), "OR3", "OR4"),
  },
];

function runRow(dir: string): { status: string; stop_reason: string | null } {
  const db = new Database(problemStorePath(dir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT status, stop_reason FROM runs WHERE id = 1").get() as {
      status: string;
      stop_reason: string | null;
    };
  } finally {
    db.close();
  }
}

describe("every trusted file is pinned", () => {
  it.each(cases)(
    "a run halts on a change to $name, and goes on once accepted",
    async (c) => {
      const copy = copyExample("bin-packing");
      cleanups.push(copy.remove);
      const { dir } = copy;
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pin-outside-"));
      cleanups.push(() => fs.rmSync(outside, { recursive: true, force: true }));
      c.prepare?.(dir, outside);
      const pinned = path.join(dir, c.file);
      const escaped = c.file.replaceAll(".", "\\.");

      const child = stewardAsync("run", dir, "--max-time", "10m", "--workers", "1");
      let output = "";
      const keep = (d: Buffer) => {
        output += d.toString();
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      await waitUntil(() => storedRows(dir, "evaluations") >= 2, "two evaluations of the run");
      expect(fs.existsSync(pinned)).toBe(true);
      c.change(dir, outside);
      // The next check (a launch or an acknowledgement) sees it: a few evaluations at most.
      const atChange = storedRows(dir, "evaluations");
      await waitUntil(
        () => child.exitCode !== null || storedRows(dir, "evaluations") > atChange + 10,
        "the run to halt or to go on evaluating",
        120_000,
      );
      if (child.exitCode === null) child.kill("SIGKILL");
      const code = await exited(child);
      expect(output).toMatch(new RegExp(`${escaped} \\(changed\\)`));
      expect(code).toBe(1);

      const row = runRow(dir);
      expect(row.status).toBe("stopped");
      expect(row.stop_reason).toContain(`${c.file} (changed)`);
      const log = await stewardDone(["audit", "log", dir, "--kind", "charter-change", "--json"]);
      expect(log.stdout).toMatch(/charter-change/);
      expect(log.stdout).toContain(c.file);

      const refused = await stewardDone(["run", dir, "--max-evals", "1000"]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`${escaped} \\(changed\\)`));

      const accepted = await stewardDone(["charter", "accept", dir, "--as", "ada"]);
      expect(accepted.status, accepted.stderr).toBe(0);
      expect(accepted.stdout).toMatch(new RegExp(`accepted as ada: ${escaped} \\(changed\\)`));

      const before = storedRows(dir, "evaluations");
      const resumed = await stewardDone(["run", dir, "--max-evals", String(before + 2)]);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/resuming run 1/);
      expect(storedRows(dir, "evaluations")).toBeGreaterThan(before);
      expect((await stewardDone(["audit", "verify", dir])).status).toBe(0);
    },
    300_000,
  );
});
