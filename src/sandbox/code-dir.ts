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
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, text, { mode: 0o644 });
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
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
