/** Escape attempts: reaching a shell, the host's processes or files outside the sandbox. */
import { type Attack, type AttackResult, type Check, SEARCH, VERIFY } from "../attack.ts";
import { forgeryBlocked } from "../evidence.ts";

/** The evaluator survived: any failure is blamed on the candidate, not a dead evaluator. */
function evaluatorAlive(result: AttackResult): Check[] {
  const sources = result.outcomes.map((o) => o.error?.source ?? "none");
  const ok = sources.every((s) => s !== "evaluator" && s !== "engine");
  return [{ ok, evidence: `engine+evaluator alive (error source ${sources.join("/")})` }];
}

export const ESCAPE: Attack[] = [
  { name: "escape-constructor-chain", category: "escape", expect: ["crashed"] },
  { name: "escape-dynamic-import", category: "escape", expect: ["crashed"] },
  { name: "escape-process-binding", category: "escape", expect: ["crashed"] },
  { name: "escape-worker-thread", category: "escape", expect: ["crashed"] },
  { name: "escape-proc-self", category: "escape", expect: ["ok"] },
  { name: "escape-symlink", category: "escape", expect: ["ok"] },
  {
    name: "escape-kill-parent",
    category: "escape",
    // kill(-1) ends the candidate itself in bubblewrap's pid namespace, not at the process level.
    expect: ["crashed", "ok"],
    judge: evaluatorAlive,
    unsafeUnlessIsolated: true,
  },
  {
    name: "escape-proto-pollution",
    category: "escape",
    runs: [SEARCH, VERIFY],
    judge: forgeryBlocked,
  },
];
