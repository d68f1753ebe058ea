/**
 * A run whose seed does not evaluate ok stops at once with an error that says
 * what happened and what to run next, and its code ("seed-failed", once
 * "evaluator-failed" although the evaluator was fine) is in the --json stop event.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROBE_DIR } from "../helpers/probe.ts";
import { stewardDone } from "../helpers/run-cli.ts";

const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "steward-seed-failed-")), "probe");
afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

describe("a seed that crashes", () => {
  it("stops the run with seed-failed, naming steward eval", async () => {
    fs.cpSync(PROBE_DIR, dir, { recursive: true });
    const program = path.join(dir, "program.ts");
    const seed = fs.readFileSync(program, "utf8");
    fs.writeFileSync(program, seed.replace("return x * 2;", 'throw new Error("broken seed");'));
    const run = await stewardDone(["run", dir, "--max-evals", "5", "--json"]);
    expect(run.status).toBe(1);
    const events = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const stopped = events.find((e) => e.type === "stopped");
    expect(stopped).toMatchObject({ reason: "error", code: "seed-failed" });
    expect(stopped.message).toContain("the seed program does not evaluate ok (crashed)");
    expect(run.stderr).toContain(`steward eval ${dir}`);
    expect(events.filter((e) => e.type === "evaluated")).toHaveLength(1);
  });
});
