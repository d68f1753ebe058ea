/**
 * Steward's in-sandbox runtime, compiled once per version into a read-only cache
 * folder that every sandbox mounts:
 *   <dir>/runtime/*.js   the candidate host and its helpers
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ownModule } from "../util/own-module.ts";
import { transpileTs } from "../util/transpile.ts";

/** From the sources, TypeScript to compile; from dist/, the JavaScript tsc emitted. */
const RUNTIME_SOURCES = ["candidate-host.ts", "framing.ts", "messages.ts"].map((name) =>
  fileURLToPath(ownModule(`./runtime/${name}`, import.meta.url)),
);

export interface RuntimeBundle {
  /** Root of the bundle (mounted at /steward/lib inside bubblewrap). */
  dir: string;
  /** Absolute path of the candidate host entry point. */
  hostEntry: string;
}

let cached: RuntimeBundle | undefined;

export function runtimeBundle(): RuntimeBundle {
  if (cached) return cached;
  // An evaluator process's temp folder is its own: the engine names the bundle it built.
  const given = process.env.STEWARD_RUNTIME_DIR;
  if (given && fs.existsSync(path.join(given, "ready"))) {
    cached = { dir: given, hostEntry: path.join(given, "runtime", "candidate-host.js") };
    return cached;
  }
  const sources = RUNTIME_SOURCES.map((file) => ({
    name: path.basename(file),
    text: fs.readFileSync(file, "utf8"),
  }));
  const hash = createHash("sha256");
  hash.update(process.version);
  for (const s of sources) hash.update(s.name).update("\0").update(s.text).update("\0");
  const dir = path.join(os.tmpdir(), `steward-runtime-${hash.digest("hex").slice(0, 16)}`);
  if (!fs.existsSync(path.join(dir, "ready"))) build(dir, sources);
  cached = { dir, hostEntry: path.join(dir, "runtime", "candidate-host.js") };
  return cached;
}

function build(dir: string, sources: { name: string; text: string }[]): void {
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  const write = (rel: string, text: string) => {
    const file = path.join(staging, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, text, { mode: 0o644 });
  };
  for (const s of sources) {
    if (s.name.endsWith(".js")) {
      write(path.join("runtime", s.name), s.text);
      continue;
    }
    const { code, errors } = transpileTs(s.text, s.name);
    if (errors.length > 0)
      throw new Error(`sandbox runtime ${s.name} does not compile: ${errors[0]}`);
    write(path.join("runtime", s.name.replace(/\.ts$/, ".js")), code);
  }
  write("runtime/package.json", '{ "type": "module" }\n');
  write("ready", "");
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, dir);
  } catch (error) {
    // Another process built it first: theirs is identical.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, "ready"))) throw error;
  }
}
