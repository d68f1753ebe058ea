/**
 * A problem's trusted files as one content-addressed bundle: the pinned files
 * (charter, evaluator and its imports, driver, data, prompts), the folder's
 * package.json (how Node loads its code) and the seed program, which the
 * worker needs to check that a candidate changed only its EVOLVE-BLOCKs. The bundle's hash is the hash of its manifest (path -> SHA-256
 * of the bytes), so one changed byte anywhere gives another bundle.
 *
 * The coordinator stores a bundle in Redis once; a worker fetches it once,
 * checks every file against the manifest and the manifest against the job's
 * hash, and keeps it in its cache folder under that hash. A worker given a
 * shared problem folder (`--problems DIR`) hashes it the same way and refuses
 * jobs whose hash it does not match.
 */
import fs from "node:fs";
import path from "node:path";
import type { Redis } from "ioredis";
import { StewardError } from "../errors.ts";
import { pinnedPaths } from "../oversight/charter-pin.ts";
import { contentHash } from "../oversight/content-hash.ts";
import { loadProblem, type Problem } from "../problem/load-problem.ts";
import { sha256Hex } from "../util/hash.ts";

/** Relative path (with "/", possibly "../") -> SHA-256 of the file's bytes. */
export type BundleManifest = Record<string, string>;

export interface ProblemBundle {
  hash: string;
  manifest: BundleManifest;
  /** The problem folder's own name, so error messages read naturally on the worker. */
  name: string;
  files: Record<string, Buffer>;
}

const BUNDLE_KEY = "steward:bundle:";
/** Files of the problem folder that decide how its code loads, shipped with the bundle. */
const MODULE_SETTINGS = ["package.json"];
/** Bundles left unused this long leave Redis; a running coordinator refreshes its own. */
const BUNDLE_TTL_S = 7 * 24 * 3600;

/** Reads the bundle of a problem folder (links followed: a bundle holds bytes, not links). */
export function readBundle(problem: Problem): ProblemBundle {
  const relative = new Set(pinnedPaths(problem));
  relative.add(toKey(path.relative(problem.dir, problem.programPath)));
  // How Node loads the folder's code ({ "type": "module" }): without it a worker's copy of a
  // TypeScript evaluator with imports would load as CommonJS and fail.
  for (const settings of MODULE_SETTINGS)
    if (fs.existsSync(path.join(problem.dir, settings))) relative.add(settings);
  const files: Record<string, Buffer> = {};
  const manifest: BundleManifest = {};
  for (const name of [...relative].sort()) {
    const full = path.resolve(problem.dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue; // a link to a folder: its files are listed themselves
    const bytes = fs.readFileSync(full);
    files[name] = bytes;
    manifest[name] = sha256Hex(bytes);
  }
  return { hash: contentHash(manifest), manifest, name: path.basename(problem.dir), files };
}

/** Stores the bundle in Redis unless it is there already. */
export async function publishBundle(redis: Redis, bundle: ProblemBundle): Promise<void> {
  const key = BUNDLE_KEY + bundle.hash;
  if ((await redis.exists(key)) === 1) {
    await redis.expire(key, BUNDLE_TTL_S);
    return;
  }
  const fields: Record<string, string | Buffer> = {
    manifest: JSON.stringify(bundle.manifest),
    name: bundle.name,
  };
  for (const [name, bytes] of Object.entries(bundle.files)) fields[`file:${name}`] = bytes;
  await redis.multi().hset(key, fields).expire(key, BUNDLE_TTL_S).exec();
}

/**
 * The problem folder of a bundle in the worker's cache, fetched from Redis and
 * checked if missing. Throws `bundle-mismatch` when what arrives does not hash
 * to `hash`, `bundle-missing` when Redis has no such bundle.
 */
export async function cachedProblem(redis: Redis, hash: string, cacheDir: string): Promise<string> {
  const root = path.join(cacheDir, hash);
  const marker = path.join(root, "complete.json");
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, "utf8")).problemDir;
  const raw = await redis.hgetallBuffer(BUNDLE_KEY + hash);
  if (!raw.manifest) {
    throw new StewardError(
      "bundle-missing",
      `problem bundle ${hash.slice(0, 12)} is not in Redis: the coordinator that queued the job is gone or the bundle expired`,
    );
  }
  const manifest = JSON.parse(raw.manifest.toString("utf8")) as BundleManifest;
  if (contentHash(manifest) !== hash) throw mismatch(hash, "the manifest");
  const depth = Math.max(0, ...Object.keys(manifest).map(upLevels));
  const staging = fs.mkdtempSync(path.join(cacheDir, ".fetch-"));
  // A file named "../shared/x.ts" must land beside the problem folder, as on the coordinator.
  const problemDir = path.join(staging, "root", ...Array(depth).fill("up"), safeName(raw.name));
  for (const [name, digest] of Object.entries(manifest)) {
    const bytes = raw[`file:${name}`];
    if (!bytes || sha256Hex(bytes) !== digest) throw mismatch(hash, name);
    const target = path.resolve(problemDir, name);
    if (!target.startsWith(path.join(staging, "root") + path.sep)) throw mismatch(hash, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
  const finalDir = path.join(root, path.relative(staging, problemDir));
  fs.writeFileSync(path.join(staging, "complete.json"), JSON.stringify({ problemDir: finalDir }));
  try {
    fs.renameSync(staging, root);
  } catch (error) {
    // Another slot of this worker fetched it first: theirs is as good.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(marker)) throw error;
  }
  return finalDir;
}

/** The bundle of a local problem folder, loaded once per hash asked for. */
export function localBundleHash(dir: string): { hash: string; problem: Problem } {
  const problem = loadProblem(dir);
  return { hash: readBundle(problem).hash, problem };
}

function mismatch(hash: string, what: string): StewardError {
  return new StewardError(
    "bundle-mismatch",
    `problem bundle ${hash.slice(0, 12)}: ${what} does not match its hash; the job was refused`,
  );
}

function upLevels(name: string): number {
  let n = 0;
  for (const part of name.split("/")) if (part === "..") n++;
  return n;
}

function safeName(name: Buffer | undefined): string {
  const text = name?.toString("utf8") ?? "problem";
  return /^[\w.-]{1,100}$/.test(text) && text !== "." && text !== ".." ? text : "problem";
}

function toKey(relative: string): string {
  return relative.split(path.sep).join("/");
}
