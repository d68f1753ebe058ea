/**
 * The charter's `mutators: - module:` entry: `steward run examples/custom-mutator`
 * proposes every candidate with the example's own nudge mutator, and a module
 * that clashes with another mutator's name stops the run before it starts,
 * naming the file.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { problemStorePath } from "../../src/store/problem-store.ts";
import { exampleCopies } from "../helpers/example-copies.ts";
import { stewardDone } from "../helpers/run-cli.ts";
import { storedRows } from "../helpers/wait.ts";

const example = exampleCopies("custom-mutator");

describe("a mutator module named in the charter", () => {
  it("makes every candidate after the seed, and the run improves on it", async () => {
    const dir = example();
    const result = await stewardDone(["run", dir, "--max-evals", "12", "--workers", "1"]);
    expect(result.status, result.stderr).toBe(0);
    const db = new Database(problemStorePath(dir), { readonly: true });
    try {
      const made = db
        .prepare("SELECT mutator, operator FROM candidates ORDER BY id")
        .all() as Array<{ mutator: string; operator: string }>;
      expect(made.length).toBeGreaterThanOrEqual(12);
      expect(made[0]?.mutator).toBe("seed");
      expect(made.slice(1).every((c) => c.mutator === "nudge" && c.operator === "nudge")).toBe(
        true,
      );
      const mse = (
        db
          .prepare(
            "SELECT json_extract(metrics, '$.mse') AS mse FROM evaluations WHERE outcome = 'ok' ORDER BY id",
          )
          .all() as Array<{ mse: number }>
      ).map((row) => row.mse);
      // The seed f(x) = x scores 40.67; one nudge of the slope or intercept already does better.
      expect(Math.min(...mse.slice(1))).toBeLessThan(mse[0] as number);
    } finally {
      db.close();
    }
  }, 600_000);

  it("refuses a module whose mutator takes a name already in the list, before anything is evaluated", async () => {
    const dir = example();
    fs.writeFileSync(
      path.join(dir, "impostor.ts"),
      'export default { name: "gp", async mutate() { return { ok: false, reason: "no-change", message: "-" } as const; } };\n',
    );
    const charter = path.join(dir, "steward.yaml");
    fs.writeFileSync(
      charter,
      fs
        .readFileSync(charter, "utf8")
        .replace(/\nmutators:\n[\s\S]*$/, "\nmutators:\n  - gp\n  - module: ./impostor.ts\n"),
    );
    const result = await stewardDone(["run", dir, "--max-evals", "3"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'mutators: module ./impostor.ts makes a mutator named "gp", and the list already has one',
    );
    expect(fs.existsSync(problemStorePath(dir)) && storedRows(dir, "evaluations")).toBeFalsy();
  }, 600_000);
});
