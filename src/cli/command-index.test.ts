import { describe, expect, it } from "vitest";
import { COMMANDS } from "./command-index.ts";
import { helpText } from "./main.ts";

describe("the command index", () => {
  it("loads, under each name, the command of that name", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage).toMatch(/^Usage: steward /);
    }
  });

  it("names each command once, and --help lists every one with its summary", () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of COMMANDS) expect(helpText()).toContain(entry.summary);
  });
});
