/**
 * Checks a charter's `needs` on this machine: each executable exists and each
 * Python interpreter imports the modules listed (located with
 * `importlib.util.find_spec`, which does not run them). Nothing here runs
 * candidate code. `requireNeeds` throws one StewardError ("needs-missing")
 * naming every missing piece with its install command.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { StewardError } from "../errors.ts";
import type { Need } from "./charter-needs.ts";

const FIND_MODULES =
  "import importlib.util,sys\n" +
  "def found(m):\n" +
  "    try: return importlib.util.find_spec(m) is not None\n" +
  "    except Exception: return False\n" +
  "print(' '.join(m for m in sys.argv[1:] if not found(m)))";

/** The path `command` runs as (itself, if it has a slash; else found on PATH), or null. */
export function findExecutable(command: string, path = process.env.PATH ?? ""): string | null {
  const candidates = command.includes("/")
    ? [command]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** One sentence per missing need, e.g. "the Python module torch for /usr/bin/python3 (install it: apt-get ...)". */
export function missingNeeds(needs: readonly Need[]): string[] {
  const missing: string[] = [];
  const hint = (need: Need) => (need.install ? ` (install: ${need.install})` : "");
  for (const need of needs) {
    if (need.kind === "command") {
      if (!findExecutable(need.command)) missing.push(`the command ${need.command}${hint(need)}`);
      continue;
    }
    const python = findExecutable(need.python);
    if (!python) {
      missing.push(`the Python interpreter ${need.python}${hint(need)}`);
      continue;
    }
    if (need.modules.length === 0) continue;
    const out = spawnSync(python, ["-I", "-c", FIND_MODULES, ...need.modules], {
      encoding: "utf8",
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    const absent =
      out.status === 0 ? out.stdout.trim().split(/\s+/).filter(Boolean) : [...need.modules];
    for (const module of absent)
      missing.push(`the Python module ${module} for ${need.python}${hint(need)}`);
  }
  return missing;
}

/** Throws "needs-missing" when anything the charter needs is absent here. */
export function requireNeeds(needs: readonly Need[] | undefined, problemName: string): void {
  const missing = missingNeeds(needs ?? []);
  if (missing.length === 0) return;
  throw new StewardError(
    "needs-missing",
    `${problemName} needs ${missing.join("; ")}, which ${missing.length === 1 ? "is" : "are"} missing on this machine: install ${missing.length === 1 ? "it" : "them"}, then check with \`steward doctor\` (the charter's needs)`,
  );
}
