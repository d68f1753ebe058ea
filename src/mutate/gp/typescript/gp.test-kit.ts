/** Test helpers for gp: requests, fixtures, and one operator applied in isolation. */
import { readFileSync } from "node:fs";
import { createRng, type Rng } from "../../../util/rng.ts";
import type { MutationRequest } from "../../mutator.ts";
import { analyze } from "./analysis.ts";
import { applyEdits } from "./edits.ts";
import type { GpOperator, OperatorContext } from "./operators/operator.ts";
import type { Language } from "./sites.ts";

export interface Fixture {
  name: string;
  code: string;
  language: Language;
}

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

export function fixtures(): Fixture[] {
  const ts = (name: string, path: string): Fixture => ({
    name,
    code: read(path),
    language: "typescript",
  });
  const twoBlocks = read("./fixtures/two-blocks.ts");
  return [
    ts("bin-packing", "../../../../examples/bin-packing/program.ts"),
    ts("two blocks", "./fixtures/two-blocks.ts"),
    ts("control flow", "./fixtures/control-flow.ts"),
    ts("math", "./fixtures/math-heavy.ts"),
    ts("typescript syntax", "./fixtures/typed.ts"),
    { name: "javascript", code: read("./fixtures/plain.js"), language: "javascript" },
    { name: "crlf line breaks", code: twoBlocks.replace(/\n/g, "\r\n"), language: "typescript" },
    {
      name: "no markers",
      code: "export function f(x: number): number {\n  return 2 * x + 1;\n}\n",
      language: "typescript",
    },
  ];
}

export function request(
  code: string,
  rng: Rng,
  language: MutationRequest["problem"]["language"] = "typescript",
  inspirations: readonly string[] = [],
): MutationRequest {
  return {
    parent: { id: 1, code, metrics: null },
    inspirations: inspirations.map((c, i) => ({ id: i + 2, code: c, metrics: null })),
    problem: {
      description: "test",
      objective: { metric: "score", direction: "minimize" },
      language,
    },
    feedback: [],
    rng,
  };
}

/**
 * The code after one application of `operator` with rng seed `seed`, or null
 * when it found nothing to change.
 */
export function applyOperator(
  operator: GpOperator,
  code: string,
  seed: number,
  options: { language?: Language; inspirations?: readonly string[] } = {},
): string | null {
  const language = options.language ?? "typescript";
  const analysis = analyze(code, language);
  const ctx: OperatorContext = {
    analysis,
    rng: createRng(seed),
    donors: () => (options.inspirations ?? []).map((c) => analyze(c, language)),
    maxExpressionNodes: 80,
  };
  const change = operator.apply(ctx);
  return change ? applyEdits(code, change.edits) : null;
}

/** Results of `operator` over seeds 1..n (nulls left out). */
export function outcomes(operator: GpOperator, code: string, n = 40): string[] {
  const out: string[] = [];
  for (let seed = 1; seed <= n; seed++) {
    const result = applyOperator(operator, code, seed);
    if (result !== null) out.push(result);
  }
  return out;
}

/** A program with one block around `body`. */
export function inBlock(body: string): string {
  return `// head\n// EVOLVE-BLOCK-START\n${body}\n// EVOLVE-BLOCK-END\n// tail\n`;
}
