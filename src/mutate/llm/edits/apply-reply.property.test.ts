import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changedOutsideBlocks } from "../../../problem/markers.ts";
import { applyReply } from "./apply-reply.ts";

/** A program of unique lines (markers numbered): fixed code around one or two blocks. */
interface Program {
  lines: string[];
  /** Per block, the index of its START marker line and its interior length. */
  blocks: { start: number; size: number }[];
}

const indent = fc.constantFrom("", "  ", "    ", "\t");

const programArb: fc.Arbitrary<Program> = fc
  .record({
    fixed: fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }),
    interiors: fc.array(
      fc.array(fc.tuple(indent, fc.integer({ min: -99, max: 99 })), { maxLength: 6 }),
      {
        minLength: 1,
        maxLength: 2,
      },
    ),
    markerIndent: indent,
  })
  .map(({ fixed, interiors, markerIndent }) => {
    const lines: string[] = [];
    const blocks: Program["blocks"] = [];
    const pushFixed = (s: number) => {
      for (let i = 0; i < (fixed[s] ?? 0); i++) lines.push(`fixed_${s}_${i}();`);
    };
    interiors.forEach((interior, b) => {
      pushFixed(b);
      blocks.push({ start: lines.length, size: interior.length });
      lines.push(`${markerIndent}// EVOLVE-BLOCK-START ${b}`);
      for (const [i, [pad, n]] of interior.entries()) lines.push(`${pad}v${b}_${i} = ${n};`);
      lines.push(`${markerIndent}// EVOLVE-BLOCK-END ${b}`);
    });
    pushFixed(2);
    return { lines, blocks };
  });

/** One in-block edit: the SEARCH lines, the REPLACE lines. */
interface Edit {
  search: string[];
  replace: string[];
}

function editArb(program: Program, b: number): fc.Arbitrary<Edit> {
  const block = program.blocks[b] ?? { start: 0, size: 0 };
  return fc
    .record({
      a: fc.nat(block.size),
      b: fc.nat(block.size),
      withStart: fc.boolean(),
      withEnd: fc.boolean(),
      fresh: fc.array(fc.tuple(indent, fc.nat(99)), { maxLength: 3 }),
      keepHead: fc.nat(2),
      keepTail: fc.nat(2),
    })
    .map((r) => {
      const [lo, hi] = r.a <= r.b ? [r.a, r.b] : [r.b, r.a];
      const withStart = r.withStart && lo === 0;
      const withEnd = (r.withEnd && hi === block.size) || (!withStart && lo === hi);
      const from = block.start + 1 + lo - (withStart ? 1 : 0);
      const to = block.start + 1 + hi + (withEnd ? 1 : 0);
      const search = program.lines.slice(from, to);
      const inner = program.lines.slice(block.start + 1 + lo, block.start + 1 + hi);
      const head = Math.min(inner.length, r.keepHead);
      const tail = Math.min(inner.length - head, r.keepTail);
      const replace = [
        ...(withStart ? search.slice(0, 1) : []),
        ...inner.slice(0, head),
        ...r.fresh.map(([pad, n], j) => `${pad}w${b}_${j} = ${n};`),
        ...inner.slice(inner.length - tail),
        ...(withEnd ? search.slice(-1) : []),
      ];
      return { search, replace };
    });
}

const caseArb = programArb.chain((program) =>
  fc.record({
    program: fc.constant(program),
    edits: fc.tuple(...program.blocks.map((_, b) => editArb(program, b))),
    trailingSpaces: fc.boolean(),
    crlf: fc.boolean(),
  }),
);

/** The intended program: each edit's SEARCH lines (unique) swapped for its REPLACE lines. */
function intended(lines: readonly string[], edits: readonly Edit[]): string[] {
  let current = [...lines];
  for (const { search, replace } of edits) {
    const at = current.findIndex((_, i) => search.every((s, t) => current[i + t] === s));
    current = [...current.slice(0, at), ...replace, ...current.slice(at + search.length)];
  }
  return current;
}

const lines = (list: readonly string[]) => list.map((l) => `${l}\n`).join("");
const block = (edit: Edit, spaces: boolean) =>
  `<<<<<<< SEARCH\n${lines(edit.search.map((l) => (spaces ? `${l}  ` : l)))}=======\n${lines(edit.replace)}>>>>>>> REPLACE`;

describe("applyReply properties", () => {
  it("reproduces the intended program and never changes a byte outside the blocks", () => {
    fc.assert(
      fc.property(caseArb, ({ program, edits, trailingSpaces, crlf }) => {
        const eol = crlf ? "\r\n" : "\n";
        const parent = program.lines.join(eol) + eol;
        const reply = `Some reasoning.\n\n\`\`\`\n${edits.map((e) => block(e, trailingSpaces)).join("\n")}\n\`\`\`\n`;
        const expected = intended(program.lines, edits).join(eol) + eol;
        const result = applyReply(parent, reply);
        if (expected === parent) {
          expect(result).toMatchObject({ ok: false, reason: "no-change" });
          return;
        }
        expect(result).toMatchObject({ ok: true, code: expected, edits: edits.length });
        expect(changedOutsideBlocks(parent, expected)).toEqual({ ok: true });
      }),
      { numRuns: 500 },
    );
  });

  const fragment = fc.oneof(
    fc.constantFrom(
      "<<<<<<< SEARCH",
      "=======",
      ">>>>>>> REPLACE",
      "```",
      "```ts",
      "~~~",
      "// EVOLVE-BLOCK-START",
      "// EVOLVE-BLOCK-END",
      "v0_0 = 1;",
      "fixed_0_0();",
      "",
      "\r",
    ),
    fc.string({ maxLength: 20 }),
  );

  it("never throws on garbage replies, and any success stays inside the blocks", () => {
    fc.assert(
      fc.property(programArb, fc.array(fragment, { maxLength: 30 }), (program, parts) => {
        const parent = `${program.lines.join("\n")}\n`;
        const result = applyReply(parent, parts.join("\n"));
        if (result.ok) expect(changedOutsideBlocks(parent, result.code)).toEqual({ ok: true });
        else expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (reply) => {
        applyReply("// EVOLVE-BLOCK-START\nx = 1;\n// EVOLVE-BLOCK-END\n", reply);
      }),
    );
  });
});
