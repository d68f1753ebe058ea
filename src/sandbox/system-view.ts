/**
 * What of the host an isolating sandbox shows, read-only: /usr, the merged-/usr
 * links, the loader cache, Debian's /etc/alternatives links and the Node binary
 * (only the file, never the folder around it, which may be a home folder).
 * Trusted folders that happen to lie inside those (a problem folder in
 * /usr/src/app, a store or config folder under Node's prefix) are masked with
 * empty mounts.
 */
import fs from "node:fs";
import path from "node:path";

export type SystemEntry =
  | { kind: "bind"; source: string; target: string; file: boolean }
  | { kind: "symlink"; target: string; link: string };

export function systemEntries(): SystemEntry[] {
  const out: SystemEntry[] = [{ kind: "bind", source: "/usr", target: "/usr", file: false }];
  for (const dir of ["/bin", "/sbin", "/lib", "/lib64", "/lib32"]) {
    const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isSymbolicLink())
      out.push({ kind: "symlink", target: fs.readlinkSync(dir), link: dir });
    else out.push({ kind: "bind", source: dir, target: dir, file: false });
  }
  if (fs.existsSync("/etc/ld.so.cache"))
    out.push({ kind: "bind", source: "/etc/ld.so.cache", target: "/etc/ld.so.cache", file: true });
  // Debian reaches libraries and commands (libblas.so.3 for torch, cc) through
  // symlinks in here into /usr: links only, no secrets.
  if (fs.statSync("/etc/alternatives", { throwIfNoEntry: false })?.isDirectory())
    out.push({
      kind: "bind",
      source: "/etc/alternatives",
      target: "/etc/alternatives",
      file: false,
    });
  const node = fs.realpathSync(process.execPath);
  for (const where of new Set([node, process.execPath])) {
    if (!isVisible(where, out)) out.push({ kind: "bind", source: node, target: where, file: true });
  }
  return out;
}

/**
 * The folders of `hide` a sandbox with these entries would show, to be masked
 * after the binds. A folder that contains a whole system bind (say, `/`) is
 * not maskable this way and is left out; the sandbox does not show it anyway.
 */
export function foldersToMask(hide: readonly string[], entries: SystemEntry[]): string[] {
  const out = new Set<string>();
  for (const folder of hide) {
    let real: string;
    try {
      real = fs.realpathSync(folder);
      if (!fs.statSync(real).isDirectory()) continue;
    } catch {
      continue; // Not there: nothing to show.
    }
    if (isVisible(real, entries)) out.add(real);
  }
  return [...out].sort();
}

/** Whether `where` lies inside (or is) a folder the entries bind. */
function isVisible(where: string, entries: SystemEntry[]): boolean {
  return entries.some(
    (e) =>
      e.kind === "bind" &&
      (where === e.target || (!e.file && where.startsWith(`${e.target}${path.sep}`))),
  );
}
