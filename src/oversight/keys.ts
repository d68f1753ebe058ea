/**
 * Approver keys: ed25519 key pairs that belong to people, kept in the user's
 * Steward config folder (never in a problem folder or a store). The private key
 * is NAME.key (PKCS8 PEM, mode 0600, folder 0700); NAME.pub holds the public key
 * in the charter's form. Names that stand for machines are refused: the engine
 * and any AI can never approve.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describeError, StewardError } from "../errors.ts";
import { stewardConfigDir } from "../util/config-dir.ts";
import { encodePublicKey } from "./signatures.ts";
import { writeFileAtomic } from "./write-atomic.ts";

export const RESERVED_APPROVER_NAMES = ["steward", "engine", "gp", "llm", "ai", "system"] as const;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ApproverKey {
  name: string;
  /** "ed25519:" + base64 of the raw 32-byte public key, as the charter lists it. */
  publicKey: string;
  /** Base64 ed25519 signature of the message (UTF-8 when a string). */
  sign(message: Buffer | string): string;
}

export interface KeyListing {
  name: string;
  file: string;
  /** Null when the key file cannot be read; `problem` says why. */
  publicKey: string | null;
  problem: string | null;
}

interface KeyOptions {
  configDir?: string;
}

export function isReservedApproverName(name: string): boolean {
  return (RESERVED_APPROVER_NAMES as readonly string[]).includes(name.toLowerCase());
}

/** Why `name` cannot be an approver key name, or null when it can. */
export function approverNameProblem(name: string): string | null {
  if (!NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid key name: use up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`;
  }
  if (isReservedApproverName(name)) {
    return `"${name}" stands for a machine, and machines can never approve: name the key after the person who holds it`;
  }
  return null;
}

export function keysDir(options: KeyOptions = {}): string {
  return path.join(options.configDir ?? stewardConfigDir(), "keys");
}

export function createApproverKey(
  name: string,
  options: KeyOptions & { force?: boolean } = {},
): ApproverKey {
  checkName(name);
  const dir = keysDir(options);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const file = path.join(dir, `${name}.key`);
  if (options.force) writeFileAtomic(file, pem, { mode: 0o600 });
  else writeNew(file, pem, name);
  const publicKey = encodePublicKey(privateKey);
  writeFileAtomic(path.join(dir, `${name}.pub`), `${publicKey}\n`, { mode: 0o644 });
  return approverKey(name, privateKey);
}

export function loadApproverKey(name: string, options: KeyOptions = {}): ApproverKey {
  checkName(name);
  const file = path.join(keysDir(options), `${name}.key`);
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new StewardError(
        "not-found",
        `no approver key "${name}": ${file} does not exist; create it with "steward keys create ${name}" (or set STEWARD_CONFIG_DIR to the folder that holds your keys)`,
      );
    }
    throw new StewardError("io", `cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
  checkPrivate(file);
  return approverKey(name, parsePrivateKey(file, pem));
}

/** Every key in the config folder, sorted by name; unreadable ones say why. */
export function listApproverKeys(options: KeyOptions = {}): KeyListing[] {
  const dir = keysDir(options);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((file) => file.endsWith(".key"))
    .map((file) => file.slice(0, -".key".length))
    .filter((name) => approverNameProblem(name) === null)
    .sort()
    .map((name) => {
      const file = path.join(dir, `${name}.key`);
      try {
        const publicKey = loadApproverKey(name, options).publicKey;
        return { name, file, publicKey, problem: null };
      } catch (error) {
        return { name, file, publicKey: null, problem: (error as Error).message };
      }
    });
}

function approverKey(name: string, privateKey: KeyObject): ApproverKey {
  return {
    name,
    publicKey: encodePublicKey(privateKey),
    sign: (message) =>
      sign(
        null,
        typeof message === "string" ? Buffer.from(message, "utf8") : message,
        privateKey,
      ).toString("base64"),
  };
}

function checkName(name: string): void {
  const problem = approverNameProblem(name);
  if (problem !== null) throw new StewardError("usage", problem);
}

/** Creates the file only if it does not exist, so an existing key is never lost. */
function writeNew(file: string, content: string, name: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new StewardError(
        "usage",
        `an approver key "${name}" already exists (${file}); keep it, pick another name, or pass --force to replace it (signatures made with the old key will no longer match the charter)`,
      );
    }
    throw new StewardError("io", `cannot create ${file}: ${describeError(error)}`, {
      cause: error,
    });
  }
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw new StewardError("io", `cannot write ${file}: ${describeError(error)}`, { cause: error });
  }
}

function checkPrivate(file: string): void {
  if (process.platform === "win32") return;
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new StewardError(
      "denied",
      `${file} can be read by other users (mode ${mode.toString(8)}): run "chmod 600 ${file}", or create a new key if others may have copied it`,
    );
  }
}

function parsePrivateKey(file: string, pem: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === "ed25519") return key;
  } catch {
    // Reported below.
  }
  throw new StewardError(
    "io",
    `${file} is not an ed25519 private key in PEM form: restore it from a backup, or create a new one with "steward keys create NAME --force" and update the charter`,
  );
}
