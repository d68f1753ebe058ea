/**
 * A problem installed inside the candidate's read-only view of the system, as
 * in a Docker image's /usr/src/app: the problem folder (with its store), the
 * trusted module it imports from beside it (../shared/) and the config folder
 * with the keys all live under /usr/src, and a Python candidate (no Node
 * permission model as a second belt) tries to read each of them. At both
 * isolating levels it finds nothing. Before the sandbox hid the evaluator's
 * imports outside the problem folder, ../shared/ was readable here.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/probe.ts";
import { stewardDone } from "../helpers/run-cli.ts";

const REDTEAM = path.resolve(FIXTURES, "..", "redteam", "problems");
const CANARY = {
  shared: "CANARY-SHARED-MODULE-3d9f21",
  evaluator: "CANARY-EVALUATOR-8a41c0",
  holdout: "CANARY-HOLDOUT-51e7b2",
  key: "CANARY-APPROVER-KEY-0c6d93",
};

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync("/usr/src/steward-app-");
  fs.chmodSync(root, 0o755);
  const problem = path.join(root, "problem");
  fs.cpSync(path.join(REDTEAM, "pypack"), problem, { recursive: true });
  fs.cpSync(path.join(REDTEAM, "shared"), path.join(root, "shared"), { recursive: true });
  fs.appendFileSync(path.join(root, "shared", "packing.ts"), `// ${CANARY.shared}\n`);
  fs.appendFileSync(path.join(problem, "evaluate.ts"), `// ${CANARY.evaluator}\n`);
  fs.writeFileSync(path.join(problem, "data", "notes.txt"), `${CANARY.holdout}\n`);
  fs.mkdirSync(path.join(root, "config", "keys"), { recursive: true });
  fs.writeFileSync(path.join(root, "config", "keys", "alice.key"), `${CANARY.key}\n`);
  const seed = fs.readFileSync(path.join(problem, "program.py"), "utf8");
  const attack = `import glob, os, sys
for pattern in ["${root}/**", "${root}/*/*", "${root}/*/.steward/*"]:
    for name in glob.glob(pattern, recursive=True):
        print("SEEN", name, file=sys.stderr)
        try:
            with open(name, errors="replace") as f:
                print(f.read(), file=sys.stderr)
        except OSError as error:
            print(name, error, file=sys.stderr)
`;
  fs.writeFileSync(
    path.join(root, "attack.py"),
    seed.replace("# EVOLVE-BLOCK-START\n", `# EVOLVE-BLOCK-START\n${attack}`),
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function evalAt(level: string) {
  const problem = path.join(root, "problem");
  const program = path.join(root, "attack.py");
  return stewardDone(["eval", problem, "--program", program, "--sandbox", level, "--json"], {
    STEWARD_CONFIG_DIR: path.join(root, "config"),
  });
}

describe.each(["bubblewrap", "namespace"])("a problem under /usr/src at the %s level", (level) => {
  it("hides the problem folder, its store, the trusted module beside it and the keys", {
    timeout: 600_000,
  }, async () => {
    const { status, stdout, stderr } = await evalAt(level);
    expect(status, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.sandbox).toBe(level);
    expect(result.outcome).toBe("ok");
    // The attack ran and looked (its own folder is the only thing it may list).
    expect(result.stderr).not.toBe("");
    for (const [name, canary] of Object.entries(CANARY))
      expect(result.stderr, `${name} leaked`).not.toContain(canary);
    // Hidden folders show as empty mount points: their names, nothing inside.
    expect(result.stderr).not.toMatch(/SEEN \S*\/(problem|shared|config)\/\S/);
  });
});
