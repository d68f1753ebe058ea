/**
 * Compiles a TypeScript entry and the relative modules it imports to plain
 * JavaScript in a folder, so that a test can start many child processes with
 * plain `node` (about 40 ms each) instead of `node --import tsx` (about 250 ms).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transpileTs } from "../../src/util/transpile.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RELATIVE_IMPORT = /\bfrom\s+"(\.{1,2}\/[^"]+\.ts)"/g;

/** Returns the path of the compiled entry (`outDir` mirrors the repository's layout). */
export function compileForNode(entry: string, outDir: string): string {
  fs.writeFileSync(path.join(outDir, "package.json"), '{ "type": "module" }\n');
  const done = new Set<string>();
  const queue = [path.resolve(entry)];
  for (let source = queue.pop(); source !== undefined; source = queue.pop()) {
    if (done.has(source)) continue;
    done.add(source);
    const text = fs.readFileSync(source, "utf8");
    const { code, errors } = transpileTs(text, source);
    if (errors.length > 0) throw new Error(`${source}: ${errors.join("; ")}`);
    const out = path.join(outDir, path.relative(ROOT, source).replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code);
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      queue.push(path.resolve(path.dirname(source), match[1] as string));
    }
  }
  return path.join(outDir, path.relative(ROOT, path.resolve(entry)).replace(/\.ts$/, ".js"));
}
