/**
 * The evaluator process is confined for a normal user too, not only for root:
 * `steward eval` run as uid 65534 (nobody) on a problem folder that user owns
 * and may write, whose evaluator tries to connect to 127.0.0.1, plant files in
 * the problem folder and the store, and write its temp folder. Before user
 * namespaces were used here, the same run connected and planted both files
 * (and said "not confined" in its warnings).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRoot } from "../../src/sandbox/identity.ts";
import { type CountingListener, countingListener } from "../helpers/listener.ts";
import { FIXTURES } from "../helpers/probe.ts";
import { stewardDone } from "../helpers/run-cli.ts";

const NOBODY = 65534;

let listener: CountingListener;
const dirs: string[] = [];
beforeAll(async () => {
  listener = await countingListener();
});
afterAll(async () => {
  await listener.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the escape fixture owned by the user the test runs steward as. */
function escapeProblem(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-escape-user-"));
  dirs.push(dir);
  fs.cpSync(path.join(FIXTURES, "problems", "evaluator-escape"), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, ".steward"));
  fs.writeFileSync(path.join(dir, "port.txt"), String(listener.port));
  if (isRoot()) chownTree(dir, NOBODY);
  return dir;
}

function chownTree(dir: string, uid: number): void {
  fs.chownSync(dir, uid, uid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    fs.chownSync(path.join(entry.parentPath, entry.name), uid, uid);
  }
}

/** `steward eval DIR --json` as nobody (when this test runs as root) with a bare environment. */
function evalAsUser(dir: string, level: string) {
  const asUser = isRoot()
    ? ["/usr/bin/setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--"]
    : [];
  return stewardDone(
    ["eval", dir, "--sandbox", level, "--json"],
    { PATH: "/usr/bin:/bin", HOME: dir, STEWARD_CONFIG_DIR: path.join(dir, "config") },
    { prefix: asUser, inherit: false, cwd: dir },
  );
}

describe.each(["bubblewrap", "namespace"])(
  "the evaluator process of a normal user at the %s level",
  (level) => {
    it("cannot connect to 127.0.0.1 and writes only its temp folder", {
      timeout: 600_000,
    }, async () => {
      const dir = escapeProblem();
      const { status, stdout, stderr } = await evalAsUser(dir, level);
      expect(status, stderr).toBe(0);
      const result = JSON.parse(stdout);
      expect(result.sandbox).toBe(level);
      expect(result.metrics.value).toBe(42);
      expect(result.artifacts.connect).not.toBe("connected");
      expect(listener.connections()).toBe(0);
      expect(result.artifacts.problemWrite).toBe("EROFS");
      expect(result.artifacts.storeWrite).toBe("EROFS");
      expect(result.artifacts.tmpWrite).toBe("written");
      expect(fs.existsSync(path.join(dir, "planted-by-evaluator.txt"))).toBe(false);
      expect(fs.existsSync(path.join(dir, ".steward", "planted-by-evaluator.txt"))).toBe(false);
      expect(result.warnings.join("\n")).not.toMatch(/not confined/);
      // The engine (outside the confinement) still recorded the evaluation in the store.
      expect(result.evaluationId).toBe(1);
    });
  },
);
