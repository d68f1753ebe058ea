/**
 * Applies a full rewrite given as fenced code. Code with marker lines (the
 * whole program, or just its blocks with their markers) replaces the
 * program's blocks by position; the program keeps its own bytes outside them,
 * and any line of the reply outside the blocks must be one the program has.
 * Code without markers replaces the only block, or the whole of a program
 * without markers; with several blocks it is ambiguous.
 */
import { type Layout, layoutOf, MarkersError, splitLines } from "../../../problem/marker-layout.ts";
import { replaceBlocks } from "../../../problem/markers.ts";
import { isMarkerLine } from "./guard.ts";
import { normalize } from "./locate.ts";
import type { FencedCode } from "./parse-reply.ts";
import { type EditOutcome, failure, quoteLine } from "./types.ts";

export function applyBlockRewrite(parent: string, fences: readonly FencedCode[]): EditOutcome {
  const code = fences.filter((f) => f.lines.some((line) => line.trim() !== ""));
  const marked = code.filter((f) => f.lines.some(isMarkerLine));
  const layout = layoutOf(parent);
  if (marked.length > 0) return rewriteMarked(parent, layout, marked);
  const only = code[0];
  if (!only) return failure("no-code", "the reply's code blocks are empty");
  if (code.length > 1) {
    return failure(
      "ambiguous",
      `the reply has ${code.length} code blocks (at reply lines ${code.map((f) => f.line).join(", ")}) and none has EVOLVE-BLOCK markers, so it is unclear which is the new code`,
    );
  }
  if (layout.interiors.length > 1) {
    return failure(
      "ambiguous",
      `the program has ${layout.interiors.length} EVOLVE-BLOCKs and the reply's code has no marker lines, so it is unclear which block it replaces`,
    );
  }
  const text = `${only.lines.join("\n")}\n`;
  if (layout.hasMarkers && looksLikeWholeProgram(layout, only.lines)) {
    return failure(
      "markers",
      "the reply's code looks like the whole program but has no EVOLVE-BLOCK marker lines; keep the marker lines, or send only the block's new content",
    );
  }
  return { ok: true, code: replaceBlocks(parent, [text]), edits: 1 };
}

function rewriteMarked(parent: string, layout: Layout, fences: readonly FencedCode[]): EditOutcome {
  if (!layout.hasMarkers) {
    return failure(
      "markers",
      "the program has no EVOLVE-BLOCK markers but the reply's code has marker lines; send the code without them",
    );
  }
  const interiors: string[] = [];
  const fixed: string[][] = [];
  for (const fence of fences) {
    let reply: Layout;
    try {
      reply = layoutOf(`${fence.lines.join("\n")}\n`);
    } catch (error) {
      if (!(error instanceof MarkersError)) throw error;
      return failure(
        "markers",
        `the markers of the code block at reply line ${fence.line} are invalid: line ${error.line} of that block: ${error.reason}`,
      );
    }
    interiors.push(...reply.interiors.map((b) => b.text));
    fixed.push(...reply.fixed.map(contentLines));
  }
  const want = layout.interiors.length;
  if (interiors.length !== want) {
    return failure(
      "markers",
      `the reply's code has ${interiors.length} EVOLVE-BLOCK${interiors.length === 1 ? "" : "s"} but the program has ${want}; send all ${want} with their marker lines, in order`,
    );
  }
  const programFixed = layout.fixed.flatMap(contentLines);
  const stray = fixed.flat().find((line) => !programFixed.includes(line));
  if (stray !== undefined) {
    return failure(
      "outside-blocks",
      `the reply's code has the line ${quoteLine(stray)} outside the EVOLVE-BLOCKs, which the program does not have; change only the code between the markers`,
    );
  }
  return { ok: true, code: replaceBlocks(parent, interiors), edits: want };
}

/** The normalised non-blank, non-marker lines of a fixed segment. */
function contentLines(segment: string): string[] {
  return splitLines(segment)
    .filter((line) => !isMarkerLine(line))
    .map(normalize)
    .filter((line) => line !== "");
}

/** Whether marker-less reply code holds every distinctive line outside the program's blocks. */
function looksLikeWholeProgram(layout: Layout, lines: readonly string[]): boolean {
  const outside = layout.fixed
    .flatMap(contentLines)
    .filter((line) => /[\p{L}\p{N}]{2}/u.test(line));
  if (outside.length === 0) return false;
  const reply = new Set(lines.map(normalize));
  return outside.every((line) => reply.has(line));
}
