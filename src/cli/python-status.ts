/**
 * `steward doctor`'s Python line: whether Debian's /usr/bin/python3 is there
 * and has PyTorch. Python candidates name their interpreter in the charter's
 * `run` command, and the sandbox shows only /usr, so a pyenv or venv python3
 * first on PATH does not count: examples/char-lm runs /usr/bin/python3.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const SYSTEM_PYTHON = "/usr/bin/python3";
export const TORCH_INSTALL = "apt-get install -y python3-torch";

export interface PythonStatus {
  interpreter: string;
  /** Python's version, or null when the interpreter is missing or does not start. */
  python: string | null;
  /** torch's version, or null when it does not import. */
  torch: string | null;
  /** What to do when something is missing, else null. */
  fix: string | null;
}

export function pythonStatus(): PythonStatus {
  const interpreter = SYSTEM_PYTHON;
  if (!existsSync(interpreter)) {
    return {
      interpreter,
      python: null,
      torch: null,
      fix: "apt-get install -y python3 python3-torch",
    };
  }
  const script =
    "import sys\nprint(sys.version.split()[0])\ntry:\n import torch\n print(torch.__version__)\nexcept Exception:\n print('')";
  // Importing torch takes a few seconds on a busy machine.
  const out = spawnSync(interpreter, ["-I", "-c", script], { encoding: "utf8", timeout: 60_000 });
  const [python, torch] = (out.stdout ?? "").split("\n");
  return {
    interpreter,
    python: python || null,
    torch: torch || null,
    fix: torch ? null : TORCH_INSTALL,
  };
}

export function describePython(s: PythonStatus): string {
  if (!s.python) return `! python: ${s.interpreter} does not run (${s.fix})`;
  if (!s.torch)
    return `! python: ${s.interpreter} ${s.python}, no torch; examples/char-lm needs it: ${s.fix}`;
  return `- python: ${s.interpreter} ${s.python}, torch ${s.torch}`;
}
