/**
 * First Fit and Best Fit, scored in the sandbox on the paper's test sets,
 * reproduce Table 1 of the FunSearch paper exactly; the committed evolved
 * program (evolved/) scores what its header claims.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./score-test-sets.ts", import.meta.url));
const LOADER = fileURLToPath(
  new URL("../../src/evaluation/host/loader/register.mjs", import.meta.url),
);

const score = (...args: string[]) => {
  const run = spawnSync(process.execPath, ["--import", LOADER, SCRIPT, ...args], {
    encoding: "utf8",
    timeout: 600_000,
  });
  const row = (name: string) =>
    run.stdout
      .split("\n")
      .find((line) => line.startsWith(name) || line.includes(`/${name} `))
      ?.split(/\s{2,}/) ?? [];
  return { status: run.status, row };
};

describe("score-test-sets", () => {
  it("scores the committed evolved program as its header says", () => {
    const file = fileURLToPath(new URL("./evolved/gp-30min-seed-3.ts", import.meta.url));
    const claim = /Weibull 5k ([\d.]+%) .*OR3 ([\d.]+%) .*capacity 500 ([\d.]+%)/.exec(
      readFileSync(file, "utf8"),
    );
    expect(claim).not.toBeNull();
    const { status, row } = score(file);
    expect(status).toBe(0);
    const [, or3, weibull5k, , , cap500] = row("gp-30min-seed-3.ts");
    expect([weibull5k, or3, cap500]).toEqual(claim?.slice(1));
  });

  it("prints First Fit and Best Fit equal to the paper's numbers, scored in the sandbox", () => {
    const { status, row } = score();
    expect(status).toBe(0);
    expect(row("First Fit").slice(1, 5)).toEqual(["5.74%", "4.23%", "5.74%", "4.23%"]);
    expect(row("Best Fit").slice(1, 5)).toEqual(["5.37%", "3.98%", "5.37%", "3.98%"]);
  });
});
