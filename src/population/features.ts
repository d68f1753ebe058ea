/**
 * Feature values for the MAP-Elites dimensions: the built-in features computed
 * from a program's code, and `featuresFor`, which gathers a value per
 * dimension from the evaluation's metrics or a built-in.
 *
 * Built-ins look at the editable code only: the interiors of the EVOLVE-BLOCKs
 * (the whole file when it has no markers, or malformed ones).
 */
import type { Metrics } from "../evaluation/outcome.ts";
import type { CharterLanguage } from "../problem/charter.ts";
import { parseBlocks } from "../problem/markers.ts";
import { complexity } from "./complexity.ts";

export { complexity } from "./complexity.ts";

export type FeatureFunction = (code: string, language: CharterLanguage) => number;

/** The EVOLVE-BLOCK interiors joined by "\n", with "\r\n" read as "\n". */
export function editableCode(code: string): string {
  let text: string;
  try {
    text = parseBlocks(code)
      .map((block) => block.text)
      .join("\n");
  } catch {
    text = code;
  }
  return text.replaceAll("\r\n", "\n");
}

/** Characters of the editable code. */
export function codeLength(code: string): number {
  return editableCode(code).length;
}

export const BUILT_IN_FEATURES: Readonly<Record<string, FeatureFunction>> = {
  code_length: (code) => codeLength(code),
  complexity: (code, language) => complexity(editableCode(code), language),
};

export interface FeatureValues {
  features: Record<string, number>;
  /** Dimensions with neither a finite metric nor a built-in: the member cannot be placed. */
  missing: string[];
}

/**
 * A value for each dimension: the metric of that name when the evaluation
 * reported a finite one (a metric overrides a built-in of the same name),
 * else the built-in feature of that name computed from `code`.
 */
export function featuresFor(
  dimensions: readonly { name: string }[],
  program: { code: string; metrics: Metrics | null; language?: CharterLanguage },
): FeatureValues {
  const features: Record<string, number> = {};
  const missing: string[] = [];
  for (const { name } of dimensions) {
    const metric = program.metrics?.[name];
    const builtIn = Object.hasOwn(BUILT_IN_FEATURES, name) ? BUILT_IN_FEATURES[name] : undefined;
    if (metric !== undefined && Number.isFinite(metric)) features[name] = metric;
    else if (builtIn !== undefined)
      features[name] = builtIn(program.code, program.language ?? "typescript");
    else missing.push(name);
  }
  return { features, missing };
}
