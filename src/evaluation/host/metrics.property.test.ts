/**
 * Property tests of `checkEvaluatorResult`, the one path from what an evaluator
 * returns to an outcome's metrics: whatever the value (wrong types, NaN,
 * Infinity, huge or hostile objects), it answers `ok` with finite numbers that
 * include the objective, or not-ok with a short reason. It never throws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEvaluatorResult, type MetricsCheck } from "./metrics.ts";

const OBJECTIVE = "score";

/** Metric names, including ones that mean something to plain objects. */
const metricName = fc.oneof(
  fc.constantFrom(OBJECTIVE, "time_ms", "__proto__", "constructor", "toString", "", "a b"),
  fc.string({ maxLength: 20 }),
);

/** Values that may sit where a metric's number should. */
const metricValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    10n,
    Symbol("metric"),
    () => 1,
    new Number(1),
    null,
    undefined,
    "1",
    [1],
    { value: 1 },
    new Date(0),
  ),
  fc.anything({ maxDepth: 2, withBigInt: true, withBoxedValues: true, withNullPrototype: true }),
);

/** Objects whose reading throws: getters, proxies, and values JSON cannot write. */
function hostile(): unknown[] {
  const boom = () => {
    throw new Error("boom");
  };
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  // Symbol keys answer, so that fast-check can look for its own clone method.
  const get = (_: object, key: PropertyKey) => (typeof key === "symbol" ? undefined : boom());
  const has = (_: object, key: PropertyKey) => (typeof key === "symbol" ? false : boom());
  const trap = new Proxy({}, { ownKeys: boom, get, has, getPrototypeOf: boom });
  return [
    Object.defineProperty({}, "metrics", { get: boom, enumerable: true }),
    { metrics: Object.defineProperty({}, OBJECTIVE, { get: boom, enumerable: true }) },
    { metrics: trap },
    trap,
    { metrics: { [OBJECTIVE]: 1 }, artifacts: trap },
    { metrics: { [OBJECTIVE]: 1 }, artifacts: circular },
    { metrics: { [OBJECTIVE]: 1 }, artifacts: { toJSON: boom } },
    { metrics: { [OBJECTIVE]: 1 }, artifacts: { big: 10n } },
    { metrics: { [OBJECTIVE]: 1 }, artifacts: { s: "x".repeat(100_000) } },
    { metrics: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`m${i}`, i])) },
    { metrics: { [OBJECTIVE]: 1, [Symbol("hidden")]: "not a number" } },
    { metrics: Object.create({ [OBJECTIVE]: 1 }) },
    { metrics: { [`${"n".repeat(100_000)}`]: "long" } },
    { metrics: { [OBJECTIVE]: 1, extra: "x".repeat(100_000) } },
    (() => 1) as unknown,
    Symbol("result"),
    10n,
  ];
}

const result: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      metrics: fc.oneof(
        fc.dictionary(metricName, metricValue, { maxKeys: 5 }),
        fc.dictionary(metricName, fc.double(), { maxKeys: 5 }),
        metricValue,
      ),
      artifacts: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 })),
      extra: fc.anything({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
  }),
  fc.constantFrom(...hostile()),
);

function expectTyped(check: MetricsCheck, input: unknown): void {
  if (!check.ok) {
    expect(check.reason).toMatch(/\S/);
    expect(check.reason.length).toBeLessThan(500);
    return;
  }
  expect(Object.hasOwn(check.metrics, OBJECTIVE)).toBe(true);
  for (const [name, value] of Object.entries(check.metrics)) {
    expect(typeof value, name).toBe("number");
    expect(Number.isFinite(value), name).toBe(true);
  }
  // Every metric kept is one the evaluator returned, under the same name.
  const given = (input as { metrics: Record<string, unknown> }).metrics;
  for (const name of Object.keys(check.metrics)) expect(given[name]).toBe(check.metrics[name]);
  // Artifacts are plain JSON that survives the trip to the engine, and bounded.
  const text = JSON.stringify(check.artifacts);
  expect(JSON.parse(text)).toEqual(check.artifacts);
  expect(text.length).toBeLessThanOrEqual(64 * 1024);
  for (const warning of check.warnings) expect(warning).toMatch(/\S/);
}

describe("checkEvaluatorResult: properties", () => {
  it("answers every value with ok and finite numbers, or a short reason, never a throw", () => {
    fc.assert(
      fc.property(result, (value) => expectTyped(checkEvaluatorResult(value, OBJECTIVE), value)),
      { numRuns: 1000 },
    );
  });

  it("answers every hostile value without throwing", () => {
    for (const value of hostile()) expectTyped(checkEvaluatorResult(value, OBJECTIVE), value);
  });

  it("accepts metrics of finite numbers that include the objective", () => {
    fc.assert(
      fc.property(
        fc.dictionary(metricName, fc.double({ noNaN: true, noDefaultInfinity: true }), {
          maxKeys: 10,
        }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (others, score) => {
          const metrics = { ...others };
          Object.defineProperty(metrics, OBJECTIVE, { value: score, enumerable: true });
          const check = checkEvaluatorResult({ metrics }, OBJECTIVE);
          expect(check.ok).toBe(true);
          if (check.ok) expect(check.metrics[OBJECTIVE]).toBe(score);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never takes a name every object has for the objective", () => {
    for (const objective of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const check = checkEvaluatorResult({ metrics: { other: 1 } }, objective);
      expect(check).toEqual({ ok: false, reason: expect.stringMatching(/is missing/) });
    }
  });
});
