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

// The first check loads TypeScript (to read imports): slow on a busy machine.
describe("charter pin", { timeout: 30_000 }, () => {
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

  it("pins what the evaluator and driver import, transitively, and prompts/", () => {
    fs.writeFileSync(
      path.join(dir, "evaluate.ts"),
      'import { x } from "./lib/x.ts";\nexport default x;\n',
    );
    fs.writeFileSync(path.join(dir, "driver.ts"), 'export { z as default } from "./lib/z";\n');
    fs.mkdirSync(path.join(dir, "lib"));
    fs.writeFileSync(path.join(dir, "lib", "x.ts"), 'export { y as x } from "./y.ts";\n');
    fs.writeFileSync(path.join(dir, "lib", "y.ts"), "export const y = 1;\n");
    fs.writeFileSync(path.join(dir, "lib", "z.ts"), "export const z = 2;\n");
    fs.mkdirSync(path.join(dir, "prompts"));
    fs.writeFileSync(path.join(dir, "prompts", "mutate.txt"), "{{parent_code}}\n");
    const watcher = new PinWatcher(loadProblem(dir));
    const before = watcher.current();
    expect(Object.keys(before)).toEqual([
      "data/holdout/h.json",
      "driver.ts",
      "evaluate.ts",
      "lib/x.ts",
      "lib/y.ts",
      "lib/z.ts",
      "prompts/mutate.txt",
      "steward.yaml",
    ]);
    fs.appendFileSync(path.join(dir, "lib", "y.ts"), "// edited\n");
    fs.appendFileSync(path.join(dir, "prompts", "mutate.txt"), "Cheat.\n");
    expect(diffPins(before, watcher.current())).toEqual([
      { file: "lib/y.ts", change: "changed" },
      { file: "prompts/mutate.txt", change: "changed" },
    ]);
  });

  it("pins the charter's mutator modules and what they import", () => {
    fs.appendFileSync(
      path.join(dir, "steward.yaml"),
      "mutators:\n  - gp\n  - module: ./mutators/mine.ts\n",
    );
    fs.mkdirSync(path.join(dir, "mutators"));
    fs.writeFileSync(
      path.join(dir, "mutators", "mine.ts"),
      'import { step } from "./step.ts";\nexport default step;\n',
    );
    fs.writeFileSync(path.join(dir, "mutators", "step.ts"), "export const step = 1;\n");
    const watcher = new PinWatcher(loadProblem(dir));
    const before = watcher.current();
    expect(Object.keys(before)).toContain("mutators/mine.ts");
    expect(Object.keys(before)).toContain("mutators/step.ts");
    fs.appendFileSync(path.join(dir, "mutators", "step.ts"), "// edited\n");
    expect(diffPins(before, watcher.current())).toEqual([
      { file: "mutators/step.ts", change: "changed" },
    ]);
  });

  it("follows symbolic links in data/ wherever they point, pinning their text and targets", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "steward-pin-outside-"));
    try {
      fs.writeFileSync(path.join(outside, "t.json"), "[1]");
      fs.writeFileSync(path.join(outside, "copy.json"), "[1]");
      fs.mkdirSync(path.join(outside, "set"));
      fs.writeFileSync(path.join(outside, "set", "a.csv"), "a");
      const data = path.join(dir, "data");
      fs.symlinkSync(path.join(outside, "t.json"), path.join(data, "link.json"));
      fs.symlinkSync(path.join(outside, "set"), path.join(data, "set"));
      fs.symlinkSync(path.join(outside, "nowhere"), path.join(data, "dangling"));
      fs.symlinkSync("..", path.join(data, "holdout", "loop"));
      const watcher = new PinWatcher(loadProblem(dir));
      const before = watcher.current();
      expect(Object.keys(before).filter((f) => f.startsWith("data/"))).toEqual([
        "data/dangling",
        "data/holdout/h.json",
        "data/holdout/loop",
        "data/link.json",
        "data/set",
        "data/set/a.csv",
      ]);
      fs.writeFileSync(path.join(outside, "t.json"), "[2]");
      fs.writeFileSync(path.join(outside, "set", "a.csv"), "b");
      fs.writeFileSync(path.join(outside, "set", "new.csv"), "c");
      expect(diffPins(before, watcher.current())).toEqual([
        { file: "data/link.json", change: "changed" },
        { file: "data/set/a.csv", change: "changed" },
        { file: "data/set/new.csv", change: "added" },
      ]);
      // Same content behind another link text: still a change.
      const second = watcher.current();
      fs.writeFileSync(path.join(outside, "copy.json"), "[2]");
      fs.rmSync(path.join(data, "link.json"));
      fs.symlinkSync(path.join(outside, "copy.json"), path.join(data, "link.json"));
      expect(diffPins(second, watcher.current())).toEqual([
        { file: "data/link.json", change: "changed" },
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
