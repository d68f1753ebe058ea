import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeStaleTempFiles, writeFileAtomic } from "./write-atomic.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-atomic-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("creates and replaces a file, leaving no temp file", () => {
    const file = path.join(dir, "program.js");
    writeFileAtomic(file, "old");
    writeFileAtomic(file, Buffer.from("new"));
    expect(fs.readFileSync(file, "utf8")).toBe("new");
    expect(fs.readdirSync(dir)).toEqual(["program.js"]);
  });

  it.runIf(process.platform !== "win32")(
    "keeps the replaced file's mode, or uses the one given",
    () => {
      const file = path.join(dir, "run.sh");
      fs.writeFileSync(file, "#!/bin/sh\n", { mode: 0o755 });
      fs.chmodSync(file, 0o755);
      writeFileAtomic(file, "#!/bin/sh\necho hi\n");
      expect(fs.statSync(file).mode & 0o777).toBe(0o755);
      writeFileAtomic(file, "secret", { mode: 0o600 });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    },
  );

  it("removes its temp file and says what to check when it fails", () => {
    const target = path.join(dir, "taken");
    fs.mkdirSync(path.join(target, "child"), { recursive: true });
    expect(() => writeFileAtomic(target, "x")).toThrow(/could not write .*taken.*writable/);
    expect(fs.readdirSync(dir)).toEqual(["taken"]);
    expect(() => writeFileAtomic(path.join(dir, "missing", "f"), "x")).toThrow(/folder exists/);
  });

  it("clears temp files of processes that are gone, and nothing else", () => {
    const stale = ".program.js.steward-tmp-999999999-0123456789ab";
    const mine = `.program.js.steward-tmp-${process.pid}-0123456789ab`;
    const live = `.program.js.steward-tmp-${process.ppid}-0123456789ab`;
    for (const name of [stale, mine, live, "program.js", ".hidden"]) {
      fs.writeFileSync(path.join(dir, name), "x");
    }
    expect(
      removeStaleTempFiles(dir)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual([mine, stale].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([live, ".hidden", "program.js"].sort());
    expect(removeStaleTempFiles(path.join(dir, "nope"))).toEqual([]);
  });
});
