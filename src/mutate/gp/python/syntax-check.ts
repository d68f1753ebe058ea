/**
 * Python's own parser as gp's final check: one long-lived interpreter that
 * reads programs as JSON lines and answers whether `ast.parse` accepts each.
 * Parsing never runs the code, so this is safe in the engine's process tree;
 * the interpreter sees nothing but the text sent to it. Any Python 3 will do
 * (torch is not needed), so it takes the first of /usr/bin/python3 and
 * `python3` on PATH; with none, the tokenizer's guarantees stand alone.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

const SCRIPT = `
import ast, json, sys
for line in sys.stdin:
    try:
        ast.parse(json.loads(line))
        print("ok", flush=True)
    except Exception as e:
        print("no " + type(e).__name__, flush=True)
`;

export type SyntaxCheck = (code: string) => Promise<boolean | null>;

/** A checker backed by one interpreter, started on first use; null answers mean "no Python". */
export function createPythonSyntaxCheck(): SyntaxCheck {
  let child: ChildProcessWithoutNullStreams | null = null;
  let broken = false;
  const waiting: Array<(answer: string | null) => void> = [];
  const start = () => {
    const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const c = spawn(python, ["-I", "-S", "-c", SCRIPT], { stdio: "pipe" });
    c.on("error", () => stop());
    c.on("exit", () => stop());
    c.stdin.on("error", () => stop());
    createInterface({ input: c.stdout }).on("line", (l) => {
      waiting.shift()?.(l);
      if (waiting.length === 0) hold(c, false);
    });
    hold(c, false);
    return c;
  };
  // An idle checker never keeps the engine alive; one with a question pending
  // does, or a process with nothing else to do would exit before the answer.
  const hold = (c: ChildProcessWithoutNullStreams, busy: boolean) => {
    for (const s of [c, c.stdin, c.stdout, c.stderr]) {
      const handle = s as unknown as { ref?: () => void; unref?: () => void };
      if (busy) handle.ref?.();
      else handle.unref?.();
    }
  };
  const stop = () => {
    broken = true;
    child = null;
    for (const w of waiting.splice(0)) w(null);
  };
  return async (code) => {
    if (broken) return null;
    child ??= start();
    const c = child;
    const answer = await new Promise<string | null>((resolve) => {
      waiting.push(resolve);
      hold(c, true);
      c.stdin.write(`${JSON.stringify(code)}\n`);
    });
    return answer === null ? null : answer === "ok";
  };
}
