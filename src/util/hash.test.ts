import { describe, expect, it } from "vitest";
import { programHash } from "./hash.ts";

describe("programHash", () => {
  it("ignores line endings and trailing whitespace, not content", () => {
    expect(programHash("a = 1;  \r\nb = 2;\n\n")).toBe(programHash("a = 1;\nb = 2;"));
    expect(programHash("a = 1;")).not.toBe(programHash("a = 2;"));
    expect(programHash(" a = 1;")).not.toBe(programHash("a = 1;"));
  });
});
