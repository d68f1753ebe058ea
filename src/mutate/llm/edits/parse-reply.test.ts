import { describe, expect, it } from "vitest";
import { parseReply } from "./parse-reply.ts";

describe("parseReply", () => {
  it("finds blocks inside and outside fences, and keeps the prose", () => {
    const reply = [
      "First, tighten the loop.",
      "",
      "",
      "",
      "```typescript",
      "<<<<<<< SEARCH",
      "a();",
      "=======",
      "b();",
      ">>>>>>> REPLACE",
      "```",
      "Then the tail:",
      "<<<<<<<SEARCH",
      "c();",
      "  =======  ",
      ">>>>>>>  REPLACE",
    ].join("\r\n");
    const parsed = parseReply(reply);
    expect(parsed.malformed).toBeNull();
    expect(parsed.fences).toEqual([]);
    expect(parsed.edits).toEqual([
      { index: 1, search: ["a();"], replace: ["b();"] },
      { index: 2, search: ["c();"], replace: [] },
    ]);
    expect(parsed.rationale).toBe("First, tighten the loop.\n\nThen the tail:");
  });

  it("collects fenced code, ``` or ~~~, and a longer fence holds a shorter one", () => {
    const parsed = parseReply("~~~py\nx = 1\n~~~\n````md\n```\ninner\n```\n````");
    expect(parsed.fences).toEqual([
      { line: 1, lines: ["x = 1"] },
      { line: 4, lines: ["```", "inner", "```"] },
    ]);
  });

  it("names what is broken", () => {
    expect(parseReply(">>>>>>> REPLACE").malformed).toContain("without");
    expect(parseReply("<<<<<<< SEARCH\na\n<<<<<<< SEARCH").malformed).toContain(
      'no "=======" divider',
    );
    expect(parseReply("<<<<<<< SEARCH\na\n=======\nb").malformed).toContain("never closed");
    expect(parseReply("```\ncode").malformed).toContain("fence opened at reply line 1");
  });
});
