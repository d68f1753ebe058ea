/**
 * Checks what an evaluator returned. Metrics must be named finite numbers and
 * include the objective; anything else makes the evaluation `invalid`, never a
 * score. Whatever the value (a getter that throws, a hostile proxy), the check
 * answers; it never throws.
 */
import type { Metrics } from "../outcome.ts";

export type MetricsCheck =
  | { ok: true; metrics: Metrics; artifacts: Record<string, unknown>; warnings: string[] }
  | { ok: false; reason: string };

const MAX_METRICS = 100;
const MAX_ARTIFACT_BYTES = 64 * 1024;

export function checkEvaluatorResult(result: unknown, objective: string): MetricsCheck {
  try {
    return check(result, objective);
  } catch (error) {
    return {
      ok: false,
      reason: `reading the evaluator's result threw: ${quote(String((error as Error)?.message ?? error))}`,
    };
  }
}

function check(result: unknown, objective: string): MetricsCheck {
  if (typeof result !== "object" || result === null) {
    return {
      ok: false,
      reason: `the evaluator returned ${describe(result)}, expected { metrics: {...} }`,
    };
  }
  const { metrics, artifacts } = result as { metrics?: unknown; artifacts?: unknown };
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    return {
      ok: false,
      reason: `metrics is ${describe(metrics)}, expected an object of named numbers`,
    };
  }
  const entries = Object.entries(metrics);
  if (entries.length > MAX_METRICS)
    return { ok: false, reason: `more than ${MAX_METRICS} metrics` };
  const clean: Metrics = {};
  for (const [name, value] of entries) {
    if (typeof value !== "number") {
      return {
        ok: false,
        reason: `metric ${quote(name)} is ${describe(value)}, expected a number`,
      };
    }
    if (!Number.isFinite(value))
      return { ok: false, reason: `metric ${quote(name)} is ${value}, expected a finite number` };
    // Defined, not assigned: a metric named "__proto__" is a metric like any other.
    Object.defineProperty(clean, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  // Own keys only: "constructor" or "toString" is not in every object's metrics.
  if (!Object.hasOwn(clean, objective)) {
    const found =
      Object.keys(clean)
        .map((name) => bounded(name, 60))
        .join(", ") || "none";
    return {
      ok: false,
      reason: `the objective metric ${quote(objective)} is missing (metrics: ${bounded(found)})`,
    };
  }
  const warnings: string[] = [];
  let kept: Record<string, unknown> = {};
  if (artifacts !== undefined) {
    const text = safeJson(artifacts);
    if (
      text === null ||
      typeof artifacts !== "object" ||
      artifacts === null ||
      Array.isArray(artifacts)
    ) {
      warnings.push("artifacts dropped: not a JSON object");
    } else if (text.length > MAX_ARTIFACT_BYTES) {
      warnings.push(
        `artifacts dropped: ${text.length} bytes of JSON, the limit is ${MAX_ARTIFACT_BYTES}`,
      );
    } else {
      kept = JSON.parse(text) as Record<string, unknown>;
    }
  }
  return { ok: true, metrics: clean, artifacts: kept, warnings };
}

function safeJson(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "bigint") return `the bigint ${bounded(String(value))}n`;
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "function") return "a function";
  return typeof value === "object" ? "an object" : String(value);
}

/** A name as it appears in a reason: quoted, and cut short when long. */
function quote(name: string): string {
  return JSON.stringify(bounded(name, 60));
}

function bounded(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
