import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadProblem } from "../problem/load-problem.ts";
import { diffPins, PinWatcher, pinnedPaths } from "./charter-pin.ts";

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pin-"));
  fs.writeFileSync(
    path.join(dir, "steward.yaml"),
    "name: pin\nprogram: program.ts\ndriver: driver.ts\nobjective: { metric: v, direction: maximize }\n",
  );
  fs.writeFileSync(
    path.join(dir, "program.ts"),
    "// EVOLVE-BLOCK-START\nexport const v = 1;\n// EVOLVE-BLOCK-END\n",
  );
  fs.writeFileSync(path.join(dir, "evaluate.ts"), "export default 1;\n");
  fs.writeFileSync(path.join(dir, "driver.ts"), "export default 2;\n");
  fs.mkdirSync(path.join(dir, "data", "holdout"), { recursive: true });
  fs.writeFileSync(path.join(dir, "data", "holdout", "h.json"), "[1,2,3]");
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("charter pin", () => {
  it("pins the charter, evaluator, driver and every data file, not the program", () => {
    expect(pinnedPaths(loadProblem(dir))).toEqual([
      "data/holdout/h.json",
      "driver.ts",
      "evaluate.ts",
      "steward.yaml",
    ]);
  });

  it("names each changed, added and removed file", () => {
    const watcher = new PinWatcher(loadProblem(dir));
    const before = watcher.current();
    fs.writeFileSync(path.join(dir, "evaluate.ts"), "export default 3;\n");
    fs.rmSync(path.join(dir, "data", "holdout", "h.json"));
    fs.writeFileSync(path.join(dir, "data", "extra.csv"), "x");
    fs.writeFileSync(path.join(dir, "program.ts"), "// EVOLVE-BLOCK-START\n// EVOLVE-BLOCK-END\n");
    expect(diffPins(before, watcher.current())).toEqual([
      { file: "data/extra.csv", change: "added" },
      { file: "data/holdout/h.json", change: "removed" },
      { file: "evaluate.ts", change: "changed" },
    ]);
  });

  it("sees an edit that keeps the file's size", () => {
    const watcher = new PinWatcher(loadProblem(dir));
    const before = watcher.current();
    const file = path.join(dir, "driver.ts");
    fs.writeFileSync(file, "export default 9;\n");
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    expect(diffPins(before, watcher.current())).toEqual([{ file: "driver.ts", change: "changed" }]);
  });
});
