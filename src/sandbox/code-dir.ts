/**
 * The folder a sandbox sees as the candidate's code, read-only: the compiled
 * candidate (or the program file of a command candidate), the compiled driver in
 * search mode, and a `steward` shim so the driver's `import { defineDriver } from
 * "steward"` resolves inside the sandbox without Steward's own code.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SHIM = "export const defineEvaluator = (d) => d;\nexport const defineDriver = (d) => d;\n";

export interface CodeDirFiles {
  /** File name -> content, written at the top of the folder. */
  files: Record<string, string>;
}

export function createCodeDir({ files }: CodeDirFiles): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-code-"));
  fs.chmodSync(dir, 0o755);
  /** What was written, files before folders, so removing it needs no walk. */
  const written: { file: string; folder: boolean }[] = [];
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    const parent = path.dirname(file);
    if (parent !== dir && !fs.existsSync(parent)) {
      fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
      for (let d = parent; d !== dir; d = path.dirname(d)) written.push({ file: d, folder: true });
    }
    fs.writeFileSync(file, text, { mode: 0o644 });
    written.unshift({ file, folder: false });
  };
  for (const [name, text] of Object.entries(files)) {
    if (name.includes("/") || name.startsWith(".")) throw new Error(`bad code file name ${name}`);
    write(name, text);
  }
  // Only a driver imports "steward": without one, skip the shim's folders and files.
  if ("driver.mjs" in files) {
    write(
      "node_modules/steward/package.json",
      '{ "name": "steward", "type": "module", "main": "index.js" }\n',
    );
    write("node_modules/steward/index.js", SHIM);
  }
  // The folder is read-only to the sandbox, so it holds exactly what was written:
  // unlinking that is far cheaper than a recursive walk, once per candidate.
  const remove = () => {
    try {
      for (const w of written) (w.folder ? fs.rmdirSync : fs.unlinkSync)(w.file);
      fs.rmdirSync(dir);
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { dir, remove };
}
