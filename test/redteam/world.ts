/**
 * The world an attack runs in, set up once per corpus run: a copy of the
 * red-team problem (world-readable, as a careless user's folder would be) with a
 * planted store and ledger checkpoint file, a planted home folder, a
 * world-writable canary folder, API keys planted in the engine's environment,
 * and listeners on 127.0.0.1. Every secret is a canary string that must never
 * appear in a stored outcome.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { loadProblem, type Problem } from "../../src/problem/load-problem.ts";
import { runtimeBundle } from "../../src/sandbox/runtime-bundle.ts";
import { type Listeners, startListeners } from "./listeners.ts";

const HERE = fileURLToPath(new URL("./", import.meta.url));
export const REPO_DIR = path.resolve(HERE, "../..");
const SOURCE_PROBLEM = path.join(HERE, "problems", "packing");

/** Canary secrets; each test for a leak looks for the distinctive tail. */
export const SECRETS = {
  openai: "sk-redteam-openai-7f3a91c2e4",
  anthropic: "sk-ant-redteam-b51d08e6a3",
  holdout: "REDTEAM-HOLDOUT-CANARY-5e1b07c4",
  home: "REDTEAM-HOME-SSH-KEY-c2f86d19",
  store: "REDTEAM-STORE-ROW-9ad4e370",
  ledger: "REDTEAM-LEDGER-CHECKPOINT-41c7b2f8",
} as const;

const PLANTED_ENV: Record<string, string> = {
  OPENAI_API_KEY: SECRETS.openai,
  ANTHROPIC_API_KEY: SECRETS.anthropic,
};

export interface World {
  root: string;
  problem: Problem;
  problemDir: string;
  homeDir: string;
  canaryDir: string;
  listeners: Listeners;
  /** The seed's train-split score in search mode: what an honest Best Fit gets. */
  honestBins: number;
  /** Text substitutions made in every candidate. */
  placeholders: Record<string, string>;
  /** Hashes of every file an attack must leave alone. */
  snapshot(): Map<string, string>;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-redteam-"));
  fs.chmodSync(root, 0o755);
  const problemDir = path.join(root, "problem");
  fs.cpSync(SOURCE_PROBLEM, problemDir, { recursive: true });
  plantStewardFiles(problemDir);
  const homeDir = path.join(root, "home");
  fs.mkdirSync(path.join(homeDir, ".ssh"), { recursive: true });
  fs.writeFileSync(path.join(homeDir, ".ssh", "id_ed25519"), `${SECRETS.home}\n`);
  const canaryDir = path.join(root, "canary");
  fs.mkdirSync(canaryDir);
  fs.writeFileSync(path.join(canaryDir, "keep.txt"), "unchanged\n");
  worldReadable(root);
  fs.chmodSync(canaryDir, 0o777);

  const savedEnv: Record<string, string | undefined> = { HOME: process.env.HOME };
  for (const [key, value] of Object.entries(PLANTED_ENV)) {
    savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
  process.env.HOME = homeDir;
  const listeners = await startListeners();
  const problem = loadProblem(problemDir);
  const guarded = [problemDir, homeDir, canaryDir, runtimeBundle().dir];
  const repoFiles = ["package.json", "src/index.ts", "src/sandbox/runtime/candidate-host.ts"];
  return {
    root,
    problem,
    problemDir,
    homeDir,
    canaryDir,
    listeners,
    honestBins: 0,
    placeholders: {
      __PROBLEM_DIR__: problemDir,
      __HOME_DIR__: homeDir,
      __CANARY_DIR__: canaryDir,
      __REPO_DIR__: REPO_DIR,
      __RUNTIME_DIR__: runtimeBundle().dir,
      __ENGINE_PID__: String(process.pid),
      __TCP_PORT__: String(listeners.tcpPort),
      __UDP_PORT__: String(listeners.udpPort),
      __HTTP_PORT__: String(listeners.httpPort),
      __UNIX_NAME__: listeners.unixName,
    },
    snapshot: () => {
      const out = new Map<string, string>();
      for (const dir of guarded) hashTree(dir, out);
      for (const file of repoFiles) hashTree(path.join(REPO_DIR, file), out);
      return out;
    },
    close: async () => {
      await listeners.close();
      for (const [key, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A real SQLite store and a ledger checkpoint file, each holding a canary. */
function plantStewardFiles(problemDir: string): void {
  const dir = path.join(problemDir, ".steward");
  fs.mkdirSync(dir);
  const db = new Database(path.join(dir, "steward.db"));
  db.exec("CREATE TABLE secrets (value TEXT)");
  db.prepare("INSERT INTO secrets VALUES (?)").run(SECRETS.store);
  db.close();
  fs.writeFileSync(
    path.join(dir, "ledger-checkpoints.jsonl"),
    `${JSON.stringify({ size: 1, root: SECRETS.ledger })}\n`,
  );
}

function worldReadable(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
  }
}

function hashTree(target: string, out: Map<string, string>): void {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    out.set(target, createHash("sha256").update(fs.readFileSync(target)).digest("hex"));
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory() || entry.isFile()) hashTree(full, out);
    else out.set(full, "special");
  }
}
