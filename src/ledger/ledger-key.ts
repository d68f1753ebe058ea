/**
 * The per-problem key that signs ledger checkpoints. It lives in the user's
 * config folder (`ledger-keys/<id>.pem`, mode 0600 in a 0700 folder), never in
 * the problem folder or its store, so whoever can edit those cannot re-sign a
 * rewritten log. The id comes from the problem folder's real path.
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StewardError } from "../errors.ts";
import { stewardConfigDir } from "../util/config-dir.ts";
import { encodePublicKey } from "./ed25519.ts";

export interface LedgerKey {
  file: string;
  privateKey: KeyObject;
  /** "ed25519:" + base64 of the raw public key. */
  publicKey: string;
}

export function ledgerKeysDir(): string {
  return path.join(stewardConfigDir(), "ledger-keys");
}

/** `<first 16 hex of sha256(real path)>-<folder name>`: stable while the folder stays put. */
export function ledgerKeyId(problemDir: string): string {
  const real = fs.realpathSync(problemDir);
  const name = path.basename(real).replace(/[^A-Za-z0-9._-]/g, "_") || "root";
  return `${createHash("sha256").update(real).digest("hex").slice(0, 16)}-${name}`;
}

export function ledgerKeyFile(problemDir: string): string {
  return path.join(ledgerKeysDir(), `${ledgerKeyId(problemDir)}.pem`);
}

/**
 * The problem's key, or undefined when this machine has none. With `publicKey`,
 * the key that matches it: the problem's own file first, then any other file in
 * the keys folder (the problem folder may have moved).
 */
export function findLedgerKey(problemDir: string, publicKey?: string): LedgerKey | undefined {
  const own = ledgerKeyFile(problemDir);
  const mine = fs.existsSync(own) ? readKey(own) : undefined;
  if (!publicKey || mine?.publicKey === publicKey) return mine;
  const dir = ledgerKeysDir();
  if (!fs.existsSync(dir)) return undefined;
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".pem"))) {
    const key = readKey(path.join(dir, name));
    if (key.publicKey === publicKey) return key;
  }
  return undefined;
}

/**
 * The key to sign with: the one that signed the ledger so far (`publicKey`), else
 * the problem's key, created on first use. Throws when the ledger was signed by
 * a key this machine does not have: signing on with another would break it.
 */
export function ledgerKey(problemDir: string, publicKey?: string): LedgerKey {
  const found = findLedgerKey(problemDir, publicKey);
  if (found) return found;
  if (publicKey) {
    throw new StewardError(
      "not-found",
      `the ledger of ${problemDir} is signed with ${publicKey}, and no key file in ${ledgerKeysDir()} holds it: copy that .pem file from the machine that started this ledger`,
    );
  }
  return createKey(ledgerKeyFile(problemDir));
}

function createKey(file: string): LedgerKey {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  // Write aside, then link: another process creating the same key at once
  // either wins (we read its key) or loses, and nobody reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, pem, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return readKey(file);
}

function readKey(file: string): LedgerKey {
  try {
    if (process.platform !== "win32" && (fs.statSync(file).mode & 0o077) !== 0) {
      throw new StewardError(
        "io",
        `the ledger key ${file} can be read by other users: run "chmod 600 ${file}"`,
      );
    }
    const privateKey = createPrivateKey(fs.readFileSync(file));
    return { file, privateKey, publicKey: encodePublicKey(privateKey) };
  } catch (error) {
    if (error instanceof StewardError) throw error;
    throw new StewardError(
      "io",
      `cannot read the ledger key ${file}: ${(error as Error).message}; restore it from a backup`,
      { cause: error },
    );
  }
}
