import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives equal objects the same bytes whatever their key order", () => {
    expect(canonicalJson({ x: 1, y: null })).toBe(canonicalJson({ y: null, x: 1 }));
  });

  it("drops undefined members and writes -0 as 0", () => {
    expect(canonicalJson({ a: undefined, b: -0 })).toBe('{"b":0}');
  });

  it("refuses values that have no single encoding", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/not finite/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson(1n)).toThrow(/bigint/);
  });
});
