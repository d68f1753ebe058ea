/**
 * The pinned entries of a folder the evaluator or the mutators read (data/,
 * prompts/): every file at any depth, and every symbolic link.
 *
 * Links are followed wherever they point (a data set kept on another disk is a
 * normal setup), and pinned by both their text and what they reach: a link to
 * a file pins the file's content, a link to a folder pins everything in it. So
 * editing a link's target, or pointing the link elsewhere, is a change like any
 * other. A link that reaches nothing is pinned by its text alone; a link back
 * into a folder already walked (a cycle) is not walked again.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FileHashes } from "./file-hashes.ts";

/** Adds `relative (with "/") -> hash` for every entry under `root`, named from `prefix`. */
export function hashTree(
  root: string,
  prefix: string,
  hashes: FileHashes,
  out: Record<string, string>,
): void {
  const visited = new Set<string>();
  const walk = (dir: string, name: string) => {
    const real = realpath(dir);
    if (real === null || visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = `${name}/${entry.name}`;
      if (entry.isDirectory()) walk(full, relative);
      else if (entry.isFile()) {
        const hash = hashes.hash(full);
        if (hash !== null) out[relative] = hash;
      } else if (entry.isSymbolicLink()) link(full, relative);
    }
  };
  const link = (full: string, relative: string) => {
    let text: string;
    try {
      text = fs.readlinkSync(full);
    } catch {
      return;
    }
    const stat = statOf(full, fs.statSync);
    if (stat?.isDirectory()) {
      out[relative] = linkHash(text, "folder");
      walk(full, relative);
    } else {
      // A file's content, or nothing (a dangling link, a socket): the text still counts.
      out[relative] = linkHash(text, stat?.isFile() ? (hashes.hash(full) ?? "") : "");
    }
  };
  const stat = statOf(root, fs.lstatSync);
  if (stat?.isSymbolicLink()) link(root, prefix);
  else if (stat?.isDirectory()) walk(root, prefix);
}

/** A link's pin: its text and the hash of what it reaches, so either changing is seen. */
function linkHash(text: string, target: string): string {
  return createHash("sha256").update(`symlink\0${text}\0${target}`).digest("hex");
}

function realpath(dir: string): string | null {
  try {
    return fs.realpathSync(dir);
  } catch {
    return null;
  }
}

function statOf(file: string, stat: (file: string) => fs.Stats): fs.Stats | null {
  try {
    return stat(file);
  } catch {
    return null;
  }
}
