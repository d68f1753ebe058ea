import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCodeDir } from "./code-dir.ts";

describe("createCodeDir", () => {
  it("writes the files (and the steward shim beside a driver), and remove() leaves nothing", () => {
    const code = createCodeDir({
      files: { "candidate.mjs": "export const a = 1;\n", "driver.mjs": "" },
    });
    expect(fs.readFileSync(path.join(code.dir, "candidate.mjs"), "utf8")).toContain("a = 1");
    expect(fs.existsSync(path.join(code.dir, "node_modules/steward/index.js"))).toBe(true);
    code.remove();
    expect(fs.existsSync(code.dir)).toBe(false);
  });

  it("removes a folder that holds more than it wrote", () => {
    const code = createCodeDir({ files: { "program.py": "print(1)\n" } });
    fs.mkdirSync(path.join(code.dir, "extra"));
    fs.writeFileSync(path.join(code.dir, "extra", "file"), "x");
    code.remove();
    expect(fs.existsSync(code.dir)).toBe(false);
  });
});
