import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mutatePrompt, repairPrompt } from "../../src/mutate/llm/prompt.ts";
import { LIMITS } from "../../src/mutate/llm/prompt-sections.ts";
import { loadTemplates, renderTemplate } from "../../src/mutate/llm/templates.ts";

const PARENT = readFileSync(
  new URL("../../examples/bin-packing/program.ts", import.meta.url),
  "utf8",
);
const PROBLEM = {
  description: "Pack items into as few bins as possible.",
  objective: { metric: "excess", direction: "minimize" as const },
  language: "typescript" as const,
};
const BASE = {
  parent: { id: 1, code: PARENT, metrics: { excess: 0.040812345, bins: 20 } },
  inspirations: [],
  problem: PROBLEM,
  feedback: [],
  metaNotes: "",
  editFeedback: "",
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("mutation prompts", () => {
  it("hold the problem, objective, parent with metrics, and the edit format", () => {
    const { system, prompt } = mutatePrompt(loadTemplates(), BASE);
    expect(system).toContain("TypeScript program");
    expect(system).toContain("<<<<<<< SEARCH");
    expect(system).toContain("EVOLVE-BLOCK-START");
    expect(prompt).toContain(PROBLEM.description);
    expect(prompt).toContain("Minimize `excess` (lower is better)");
    expect(prompt).toContain("excess = 0.0408123, bins = 20");
    expect(prompt).toContain(PARENT.trimEnd());
    expect(prompt).not.toContain("{{");
    expect(prompt).not.toMatch(/# (Other programs|Recent failures|Notes)/);
    expect(prompt).not.toMatch(/\n\n\n/);
  });

  it("bounds failures to three entries in 2,000 characters, newest first", () => {
    const feedback = ["newest: TypeError", "x".repeat(5000), "third", "fourth: dropped"];
    const { prompt } = mutatePrompt(loadTemplates(), { ...BASE, feedback });
    const section = prompt.slice(prompt.indexOf("# Recent failures"), prompt.indexOf("# Task"));
    expect(section).toContain("newest: TypeError");
    expect(section).toContain("third");
    expect(section).not.toContain("fourth");
    expect(section.length).toBeLessThan(LIMITS.failureChars + 300);
  });

  it("shows inspirations with metrics, meta-notes and edit feedback", () => {
    const inspirations = [
      {
        id: 2,
        code: "// EVOLVE-BLOCK-START\nconst a = 1;\n// EVOLVE-BLOCK-END\n",
        metrics: { excess: 0.03 },
      },
      { id: 3, code: "big".repeat(10_000), metrics: null },
    ];
    const { prompt } = mutatePrompt(loadTemplates(), {
      ...BASE,
      inspirations,
      metaNotes: "- small gaps hurt",
      editFeedback: "Your edit could not be applied: SEARCH block 1 matches nothing.",
    });
    expect(prompt).toContain("## Program 1 (excess = 0.03)");
    expect(prompt).toContain("const a = 1;");
    expect(prompt).not.toContain("bigbig");
    expect(prompt).toContain("# Notes on the search so far\n\n- small gaps hurt");
    expect(prompt).toMatch(/# Your previous reply\n\nYour edit could not be applied/);
  });

  it("builds a repair prompt around the failed candidate and its error", () => {
    const failed = PARENT.replace("- item))", "- itm))");
    const { prompt } = repairPrompt(loadTemplates(), {
      problem: { ...PROBLEM, language: "python" },
      failedCode: failed,
      error: "ReferenceError: itm is not defined",
      editFeedback: "",
    });
    expect(prompt).toContain("```python\n");
    expect(prompt).toContain("- itm))");
    expect(prompt).toContain("ReferenceError: itm is not defined");
  });
});

describe("templates", () => {
  function problemWith(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), "steward-prompts-"));
    dirs.push(dir);
    mkdirSync(path.join(dir, "prompts"));
    for (const [name, text] of Object.entries(files))
      writeFileSync(path.join(dir, "prompts", name), text);
    return dir;
  }

  it("lets a problem override a template by file name", () => {
    const dir = problemWith({ "mutate.txt": "Improve {{objective}}:\n{{parent_code}}\n" });
    const templates = loadTemplates(dir);
    expect(mutatePrompt(templates, BASE).prompt).toBe(
      `Improve Minimize \`excess\` (lower is better):\n${PARENT.trimEnd()}`,
    );
    expect(templates.system).toBe(loadTemplates().system);
  });

  it("rejects an override with an unknown placeholder, naming the file", () => {
    const dir = problemWith({ "repair.txt": "Fix {{failed_code}} given {{stack}}" });
    expect(() => loadTemplates(dir)).toThrow(
      /repair\.txt uses \{\{stack\}\}.*use one of \{\{language\}\}/,
    );
  });

  it("drops the lines of empty placeholders, not the blank lines of values", () => {
    const text = renderTemplate("A\n\n{{x}}\n\n{{y}}\n\nB", { x: "", y: "1\n\n\n2" });
    expect(text).toBe("A\n\n1\n\n\n2\n\nB");
  });
});
