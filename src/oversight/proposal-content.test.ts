import { describe, expect, it } from "vitest";
import { contentHash } from "./content-hash.ts";
import type { GateReport } from "./gates/gate.ts";
import { type ProposalInput, proposalContent } from "./proposal-content.ts";

const report = (warnings?: string[]): GateReport => ({
  passed: true,
  needsExtraApproval: false,
  results: [
    {
      gate: "stability",
      status: "pass",
      summary: "2 re-run(s)",
      evidence: {},
      ...(warnings ? { warnings } : {}),
    },
  ],
});

const input = (code: string, gateReport = report()): ProposalInput => ({
  problem: "demo",
  target: "program.ts",
  program: { id: 2, hash: "b".repeat(64), code },
  champion: { id: 1, hash: "a".repeat(64), code: "export const x = 1;\n" },
  metrics: { candidate: { score: 2 }, champion: { score: 1 } },
  objective: { metric: "score", direction: "maximize", candidate: 2, champion: 1 },
  report: gateReport,
  lineage: [1],
  mutator: "m",
  operator: "o",
  rationale: null,
  warnings: ["policy scan: line 1 eval (eval)"],
});

describe("proposalContent warnings", () => {
  it("holds a review warning for a bidi control or escape in the program, in the hashed content", () => {
    const plain = proposalContent(input("export const x = 2;\n"));
    expect(plain.warnings).toEqual(["policy scan: line 1 eval (eval)"]);
    const hidden = proposalContent(input('export const x = "\u202e\x1b[2K";\n'));
    expect(hidden.warnings).toHaveLength(3);
    expect(hidden.warnings[1]).toMatch(/^review: .*bidi controls.*line 1 <U\+202E>/);
    expect(hidden.warnings[2]).toMatch(/^review: .*control characters.*line 1 \\x1b/);
    const stripped = { ...hidden, warnings: plain.warnings };
    expect(contentHash(hidden)).not.toBe(contentHash(stripped));
  });

  it("holds the gates' warnings, named by gate", () => {
    const content = proposalContent(input("export const x = 2;\n", report(["ignores the seed"])));
    expect(content.warnings).toEqual([
      "policy scan: line 1 eval (eval)",
      "stability gate: ignores the seed",
    ]);
  });
});
