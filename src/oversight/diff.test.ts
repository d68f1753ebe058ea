import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitLines, unifiedDiff } from "./diff.ts";

const names = { oldName: "champion/program.ts", newName: "proposal/program.ts" };

/** Applies a unified diff to `text`, checking every context and removed line. */
function applyDiff(text: string, diff: string): string {
  if (diff === "") return text;
  const old = splitLines(text);
  const lines = diff.split("\n");
  const out: string[] = [];
  let at = 0;
  let i = 2;
  while (i < lines.length - 1) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i] as string);
    if (!header) throw new Error(`bad hunk header: ${lines[i]}`);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (at < start) out.push(old[at++] as string);
    i++;
    while (i < lines.length - 1 && !(lines[i] as string).startsWith("@@")) {
      const line = lines[i] as string;
      const body = lines[i + 1]?.startsWith("\\") ? line.slice(1) : `${line.slice(1)}\n`;
      if (line[0] === "+") out.push(body);
      else if (old[at++] !== body) throw new Error(`mismatch at old line ${at}: ${line}`);
      if (line[0] === " ") out.push(body);
      i += lines[i + 1]?.startsWith("\\") ? 2 : 1;
    }
  }
  while (at < old.length) out.push(old[at++] as string);
  return out.join("");
}

/** Length of a longest common subsequence of lines, by dynamic programming. */
function lcs(a: string[], b: string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) {
      next.push(
        x === b[j] ? (row[j] as number) + 1 : Math.max(row[j + 1] as number, next[j] as number),
      );
    }
    row = next;
  }
  return row[b.length] as number;
}

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", names)).toBe("");
    expect(unifiedDiff("", "", names)).toBe("");
  });

  it("prints a standard hunk with three lines of context", () => {
    const old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const next = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    expect(unifiedDiff(old, next, names)).toBe(
      [
        "--- champion/program.ts",
        "+++ proposal/program.ts",
        "@@ -2,7 +2,7 @@",
        " 2",
        " 3",
        " 4",
        "-5",
        "+five",
        " 6",
        " 7",
        " 8",
        "",
      ].join("\n"),
    );
  });

  it("splits distant changes into hunks and honours the context option", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join("");
    const next = old.replace("line 2\n", "two\n").replace("line 17\n", "");
    const diff = unifiedDiff(old, next, { ...names, context: 1 });
    expect(diff.match(/^@@.*$/gm)).toEqual(["@@ -2,3 +2,3 @@", "@@ -17,3 +17,2 @@"]);
    expect(unifiedDiff(old, next, { ...names, context: 10 }).match(/^@@/gm)).toHaveLength(1);
  });

  it("names empty sides by the line before them", () => {
    expect(unifiedDiff("", "a\nb\n", names)).toContain("@@ -0,0 +1,2 @@\n+a\n+b\n");
    expect(unifiedDiff("a\n", "", names)).toContain("@@ -1 +0,0 @@\n-a\n");
    expect(unifiedDiff("a\nb\n", "a\nx\nb\n", { ...names, context: 0 })).toContain(
      "@@ -1,0 +2 @@\n+x\n",
    );
  });

  it("marks a missing newline at the end", () => {
    const diff = unifiedDiff("a\nb", "a\nb\n", names);
    expect(diff).toContain("-b\n\\ No newline at end of file\n+b\n");
    expect(applyDiff("a\nb", diff)).toBe("a\nb\n");
  });

  it("round-trips: applying the hunks to the old text gives the new text", () => {
    const text = fc
      .array(fc.constantFrom("a\n", "b\n", "c\n", "d\n", "}\n", "  x;\n", "\n", "e"), {
        maxLength: 40,
      })
      .map((lines) => lines.join(""));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (old, next, context) => {
        const diff = unifiedDiff(old, next, { ...names, context });
        expect(diff === "").toBe(old === next);
        expect(applyDiff(old, diff)).toBe(next);
        // Shortest: every line not in a longest common subsequence, and no more.
        const a = splitLines(old);
        const b = splitLines(next);
        const edits = diff.split("\n").filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;
        expect(edits).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it("still gives a correct diff when the texts differ too much to search", () => {
    const old = Array.from({ length: 3000 }, (_, i) => `old ${i}\n`).join("");
    const next = `keep\n${Array.from({ length: 3000 }, (_, i) => `new ${i}\n`).join("")}`;
    const diff = unifiedDiff(old, next, names);
    expect(applyDiff(old, diff)).toBe(next);
  });
});
