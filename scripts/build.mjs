#!/usr/bin/env node
/**
 * Builds dist/ from src/: tsc (tsconfig.build.json) emits JavaScript and
 * declarations, and the files tsc does not emit are copied beside them (the
 * evaluator's loader hooks, *.mjs; the LLM prompt templates, *.txt). TypeScript
 * stays the source; dist/ is what `steward` and the package's entry run.
 *
 *   node scripts/build.mjs               build (npm run build; `prepare` runs it on npm install)
 *   node scripts/build.mjs --if-stale    build only if src/ changed since dist/ was built
 *   node scripts/build.mjs --no-check    emit without type-checking
 *
 * The build goes to a staging folder that then replaces dist/, so a `steward`
 * starting meanwhile runs the old build or the new one, not half of each.
 * dist/.build-hash names the sources it was built from. Type errors fail the
 * build; --no-check (the test setup: `npm test` type-checks on its own) emits
 * without checking, the same files in a third of the time.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SRC = path.join(ROOT, "src");
const DIST = path.join(ROOT, "dist");
const HASH_FILE = ".build-hash";
/** Files under src/ that are neither sources nor copied: tests and their fixtures. */
const NOT_SHIPPED = /(\.test\.ts|\.test-kit\.ts|\/test-kit\.ts)$|\/fixtures\//;
/** Files tsc does not emit that dist/ needs as they are. */
const COPIED = /\.(mjs|txt)$/;

/** Every shipped file under src/, relative, sorted. */
function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !NOT_SHIPPED.test(full)) out.push(path.relative(SRC, full));
    }
  };
  walk(SRC);
  return out.sort();
}

/** The hash of what the build reads: shipped sources, the tsconfigs and this script. */
export function sourceHash() {
  const hash = createHash("sha256");
  const files = [
    ...sourceFiles().map((rel) => path.join("src", rel)),
    "tsconfig.json",
    "tsconfig.build.json",
    "scripts/build.mjs",
  ];
  for (const rel of files) {
    hash
      .update(rel)
      .update("\0")
      .update(fs.readFileSync(path.join(ROOT, rel)))
      .update("\0");
  }
  return hash.digest("hex");
}

export function builtHash() {
  try {
    return fs.readFileSync(path.join(DIST, HASH_FILE), "utf8").trim();
  } catch {
    return null;
  }
}

/** Builds dist/ unless `ifStale` and it is up to date; returns whether it built. */
export function build({ ifStale = false, check = true } = {}) {
  const hash = sourceHash();
  if (ifStale && builtHash() === hash) return false;
  const staging = `${DIST}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tsc = path.join(
    path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")),
    "bin",
    "tsc",
  );
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      "-p",
      path.join(ROOT, "tsconfig.build.json"),
      "--outDir",
      staging,
      ...(check ? [] : ["--noCheck"]),
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    const report = `${result.stdout}${result.stderr}`.trim();
    throw new Error(`the build failed (tsc -p tsconfig.build.json):\n${report}`);
  }
  for (const rel of sourceFiles().filter((f) => COPIED.test(f))) {
    fs.mkdirSync(path.dirname(path.join(staging, rel)), { recursive: true });
    fs.copyFileSync(path.join(SRC, rel), path.join(staging, rel));
  }
  fs.chmodSync(path.join(staging, "cli", "bin.js"), 0o755);
  fs.writeFileSync(path.join(staging, HASH_FILE), `${hash}\n`);
  // Another build of the same sources may have finished meanwhile: keep it.
  if (builtHash() === hash) {
    fs.rmSync(staging, { recursive: true, force: true });
    return true;
  }
  const old = `${DIST}.old-${process.pid}`;
  if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
  fs.renameSync(staging, DIST);
  fs.rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  try {
    const built = build({
      ifStale: args.includes("--if-stale"),
      check: !args.includes("--no-check"),
    });
    if (!built) process.stdout.write("dist/ is up to date\n");
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
