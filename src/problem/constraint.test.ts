import { describe, expect, it } from "vitest";
import { parseConstraint, satisfies } from "./constraint.ts";

describe("constraints", () => {
  it.each([
    ["time_ms <= 2000", { metric: "time_ms", op: "<=", value: 2000 }],
    ["mem>1e3", { metric: "mem", op: ">", value: 1000 }],
    [" a.b-c == -0.25 ", { metric: "a.b-c", op: "==", value: -0.25 }],
  ])("parses %j", (text, constraint) => {
    expect(parseConstraint(text)).toEqual(constraint);
  });

  it.each(["time_ms", "time_ms =< 3", "<= 3", "x <= 1e999", "x <= NaN", "1x < 2", "x < 2 ms"])(
    "rejects %j",
    (text) => {
      expect(parseConstraint(text)).toBeNull();
    },
  );

  it("checks a value against each operator", () => {
    const check = (text: string, value: number) => {
      const constraint = parseConstraint(text);
      if (!constraint) throw new Error(`not a constraint: ${text}`);
      return satisfies(value, constraint);
    };
    expect([check("x <= 2", 2), check("x < 2", 2), check("x >= 2", 2), check("x > 2", 2)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([check("x == 2", 2), check("x == 2", 2.0001)]).toEqual([true, false]);
  });
});
