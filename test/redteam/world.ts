/**
 * The world an attack runs in, set up once per corpus run: a copy of a
 * red-team problem (JS or Python; world-readable, as a careless user's folder
 * would be) with a planted store and ledger checkpoint file, a planted home
 * folder, a planted config folder (STEWARD_CONFIG_DIR) holding an approver key
 * and a ledger key, a world-writable canary folder, API keys planted in the
 * engine's environment, and listeners on 127.0.0.1 and on unix sockets. Every
 * secret is a canary string that must never appear in a stored outcome.
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

/** The red-team problems: the same packing problem as a JS driver problem and as a Python command. */
export type RedteamLanguage = "js" | "python";
const SOURCE_PROBLEMS: Record<RedteamLanguage, string> = {
  js: path.join(HERE, "problems", "packing"),
  python: path.join(HERE, "problems", "pypack"),
};

/** Canary secrets; each test for a leak looks for the distinctive tail. */
export const SECRETS = {
  openai: "sk-redteam-openai-7f3a91c2e4",
  anthropic: "sk-ant-redteam-b51d08e6a3",
  holdout: "REDTEAM-HOLDOUT-CANARY-5e1b07c4",
  home: "REDTEAM-HOME-SSH-KEY-c2f86d19",
  store: "REDTEAM-STORE-ROW-9ad4e370",
  ledger: "REDTEAM-LEDGER-CHECKPOINT-41c7b2f8",
  approverKey: "REDTEAM-APPROVER-KEY-d93e57a0",
  ledgerKey: "REDTEAM-LEDGER-KEY-6b02fc18",
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
  /** STEWARD_CONFIG_DIR during the run: keys/ and ledger-keys/ with canary keys. */
  configDir: string;
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

export async function createWorld(language: RedteamLanguage = "js"): Promise<World> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-redteam-"));
  fs.chmodSync(root, 0o755);
  const problemDir = path.join(root, "problem");
  fs.cpSync(SOURCE_PROBLEMS[language], problemDir, { recursive: true });
  // Both problems import their instances from ../shared (trusted, pinned with them).
  fs.cpSync(path.join(HERE, "problems", "shared"), path.join(root, "shared"), { recursive: true });
  plantStewardFiles(problemDir);
  const homeDir = path.join(root, "home");
  fs.mkdirSync(path.join(homeDir, ".ssh"), { recursive: true });
  fs.writeFileSync(path.join(homeDir, ".ssh", "id_ed25519"), `${SECRETS.home}\n`);
  const configDir = path.join(root, "config");
  plantConfig(configDir);
  const canaryDir = path.join(root, "canary");
  fs.mkdirSync(canaryDir);
  fs.writeFileSync(path.join(canaryDir, "keep.txt"), "unchanged\n");
  worldReadable(root);
  fs.chmodSync(canaryDir, 0o777);

  const savedEnv: Record<string, string | undefined> = {
    HOME: process.env.HOME,
    STEWARD_CONFIG_DIR: process.env.STEWARD_CONFIG_DIR,
  };
  for (const [key, value] of Object.entries(PLANTED_ENV)) {
    savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
  process.env.HOME = homeDir;
  process.env.STEWARD_CONFIG_DIR = configDir;
  const listeners = await startListeners(root);
  const problem = loadProblem(problemDir);
  const guarded = [problemDir, homeDir, configDir, canaryDir, runtimeBundle().dir];
  const repoFiles = ["package.json", "src/index.ts", "src/sandbox/runtime/candidate-host.ts"];
  return {
    root,
    problem,
    problemDir,
    homeDir,
    configDir,
    canaryDir,
    listeners,
    honestBins: 0,
    placeholders: {
      __PROBLEM_DIR__: problemDir,
      __HOME_DIR__: homeDir,
      __CONFIG_DIR__: configDir,
      __CANARY_DIR__: canaryDir,
      __REPO_DIR__: REPO_DIR,
      __RUNTIME_DIR__: runtimeBundle().dir,
      __ENGINE_PID__: String(process.pid),
      // In names of files and processes an attack leaves behind, so checks find them.
      __MARKER__: `steward-redteam-mark-${process.pid}`,
      __TCP_PORT__: String(listeners.tcpPort),
      __UDP_PORT__: String(listeners.udpPort),
      __HTTP_PORT__: String(listeners.httpPort),
      __UNIX_NAME__: listeners.unixName,
      __UNIX_PATH__: listeners.unixPath,
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

/**
 * An approver key and a ledger key where Steward keeps them. They are left
 * world-readable (a careless chmod) so that only the sandbox stands between a
 * candidate and them, even when it runs under another uid.
 */
function plantConfig(configDir: string): void {
  fs.mkdirSync(path.join(configDir, "keys"), { recursive: true });
  fs.mkdirSync(path.join(configDir, "ledger-keys"));
  const pem = (secret: string) =>
    `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`;
  fs.writeFileSync(path.join(configDir, "keys", "alice.key"), pem(SECRETS.approverKey));
  fs.writeFileSync(path.join(configDir, "keys", "alice.pub"), "ed25519:redteam-public\n");
  fs.writeFileSync(path.join(configDir, "ledger-keys", "ledger.pem"), pem(SECRETS.ledgerKey));
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
