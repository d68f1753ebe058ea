/**
 * A problem folder (the "blank" template) whose store holds `n` evaluated
 * programs in one run, written through Steward's own store: what `steward
 * status` and the engine read on a long-running problem.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { initProblem } from "../../src/problem/init.ts";
import { outcome } from "../../src/store/contract/fixtures.test-kit.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { programHash } from "../../src/util/hash.ts";

export function makeBigStore(n: number): { dir: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-big-store-"));
  const dir = path.join(root, "problem");
  initProblem(dir, "blank");
  const store = openProblemStore(dir);
  try {
    const seed = store.addProgram({ hash: programHash("seed"), code: "seed", origin: "seed" });
    const run = store.runs.create(1, { budget: { maxEvals: n, maxTimeMs: null, target: null } });
    for (let from = 0; from < n; from += 5000) {
      store.transaction(() => {
        for (let i = from; i < Math.min(n, from + 5000); i++) {
          const code = `export const x = ${i};\n`;
          const p = store.addProgram({
            hash: programHash(code),
            code,
            parentIds: [seed.program.id],
            origin: "gp",
          }).program;
          const c = store.runs.addCandidate({
            runId: run.id,
            programId: p.id,
            island: i % 4,
            parentId: seed.program.id,
            mutator: "gp",
            operator: "constant",
            generation: 1 + Math.floor(i / 100),
          });
          const error = 2 + Math.sin(i);
          store.runs.recordEvaluation(c.id, outcome({ metrics: { error } }), {
            fitness: -error,
            features: { code_length: i % 500, complexity: i % 30 },
          });
        }
      });
    }
  } finally {
    store.close();
  }
  return { dir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
