/**
 * The charter's needs, checked before anything runs: `steward eval` and
 * `steward run` on a copy of examples/char-lm whose charter needs a module
 * this machine lacks stop at once (exit 2) naming it and its install command,
 * without training anything or starting a run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { copyCharLm } from "./copy-example.ts";

async function steward(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTTY: false,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("a charter's needs", () => {
  let dir: string;
  beforeAll(() => {
    dir = copyCharLm(fs.mkdtempSync(path.join(os.tmpdir(), "char-lm-needs-")));
    const charter = path.join(dir, "steward.yaml");
    const text = fs.readFileSync(charter, "utf8");
    expect(text).toContain("modules: [torch]");
    fs.writeFileSync(
      charter,
      text
        .replace("modules: [torch]", "modules: [torch, steward_missing_module]")
        .replace(
          "install: apt-get install -y python3-torch",
          "install: apt-get install -y python3-steward-missing",
        ),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("steward eval and steward run stop before anything runs, naming the missing module and its install command", async () => {
    for (const command of [["eval"], ["run", "--max-evals", "1"]]) {
      const result = await steward(...command, dir);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toContain(
        "needs the Python module steward_missing_module for /usr/bin/python3 (install: apt-get install -y python3-steward-missing)",
      );
      // torch itself is there (.ci/run installs it), so it is not named.
      expect(result.err).not.toContain("module torch ");
    }
    expect(fs.existsSync(path.join(dir, ".steward"))).toBe(false);
  });
});
