/**
 * The static policy scan: parses a JS/TS candidate and lists the dangerous
 * capabilities its own code uses. Only code inside the EVOLVE-BLOCKs is the
 * candidate's own; the seed around them is trusted and never flagged (a
 * program without markers is one block). The scan does not type-check and
 * cannot see through obfuscation: it is one layer, the sandbox is the boundary.
 */
import type TypeScript from "typescript";
import { parseBlocks } from "../problem/markers.ts";
import { findDeceptiveText } from "../util/deceptive-text.ts";
import { type Hit, matchNode } from "./match-node.ts";
import { parseAndBind } from "./parse.ts";
import { type PolicyCategory, type PolicyRuleId, ruleById } from "./rules.ts";

export interface PolicyFinding {
  rule: PolicyRuleId;
  category: PolicyCategory;
  /** 1-based line and column of what was flagged. */
  line: number;
  column: number;
  /** The flagged source text, shortened. */
  text: string;
}

const MAX_TEXT = 60;

/** Findings in `code`'s EVOLVE-BLOCKs, in source order, one per rule and line. */
export function scanProgram(code: string, fileName = "program.ts"): PolicyFinding[] {
  const bound = parseAndBind(code, fileName);
  const { ts, file } = bound;
  const inBlock = blockLines(code);
  const seen = new Set<string>();
  const findings: PolicyFinding[] = [];
  const add = ({ rule, node }: Hit) => {
    const start = node.getStart(file);
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    if (!inBlock(line + 1)) return;
    const key = `${rule}:${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({
      rule,
      category: ruleById(rule).category,
      line: line + 1,
      column: character + 1,
      text: shorten(node.getText(file)),
    });
  };
  const visit = (node: TypeScript.Node) => {
    for (const hit of matchNode(bound, node)) add(hit);
    ts.forEachChild(node, visit);
  };
  visit(file);
  // Hidden text is found in the characters, not the syntax tree: it hides in
  // comments and strings as well as in code.
  for (const found of findDeceptiveText(code)) {
    if (!inBlock(found.line) || seen.has(`${found.kind}:${found.line}`)) continue;
    seen.add(`${found.kind}:${found.line}`);
    const { kind, line, column, text } = found;
    findings.push({ rule: kind, category: ruleById(kind).category, line, column, text });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** "line 3 node-module (import ... from "node:fs")" */
export function describeFinding(finding: PolicyFinding): string {
  return `line ${finding.line} ${finding.rule} (${finding.text})`;
}

/** Whether a 1-based line lies inside a block; every line when the code has no markers. */
function blockLines(code: string): (line: number) => boolean {
  let blocks: { firstLine: number; lastLine: number }[];
  try {
    blocks = parseBlocks(code);
  } catch {
    // Malformed markers are rejected before the scan; scan everything to be safe.
    return () => true;
  }
  return (line) => blocks.some((b) => line >= b.firstLine && line <= b.lastLine);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 3)}...` : flat;
}
