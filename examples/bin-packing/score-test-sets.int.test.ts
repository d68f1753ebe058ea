/**
 * First Fit and Best Fit, scored in the sandbox on the paper's test sets,
 * reproduce Table 1 of the FunSearch paper exactly.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./score-test-sets.ts", import.meta.url));
const LOADER = fileURLToPath(
  new URL("../../src/evaluation/host/loader/register.mjs", import.meta.url),
);

describe("score-test-sets", () => {
  it("prints First Fit and Best Fit equal to the paper's numbers, scored in the sandbox", () => {
    const run = spawnSync(process.execPath, ["--import", LOADER, SCRIPT], {
      encoding: "utf8",
      timeout: 600_000,
    });
    expect(run.status).toBe(0);
    const row = (name: string) =>
      run.stdout.split("\n").find((line) => line.startsWith(name)) ?? "";
    expect(
      row("First Fit")
        .split(/\s{2,}/)
        .slice(1, 5),
    ).toEqual(["5.74%", "4.23%", "5.74%", "4.23%"]);
    expect(
      row("Best Fit")
        .split(/\s{2,}/)
        .slice(1, 5),
    ).toEqual(["5.37%", "3.98%", "5.37%", "3.98%"]);
  });
});
