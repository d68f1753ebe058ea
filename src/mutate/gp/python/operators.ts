/**
 * gp's operators for Python, over tokens and logical lines (see tokens.ts).
 * Each one changes one EVOLVE-BLOCK interior and keeps it parseable by
 * construction: a constant stays a literal of the same kind, an operator is
 * swapped only for one of the same arity and precedence class, and statements
 * move, vanish or repeat only as whole simple statements among siblings of
 * the same suite. The mutator still has Python's own parser check the result.
 */
import type { Rng } from "../../../util/rng.ts";
import { endsOperand, type LogicalLine, type PythonText, type Token, tokenize } from "./tokens.ts";

export interface PyOperatorContext {
  /** The blocks' interiors, tokenized; null where gp cannot read one. */
  blocks: readonly (PythonText | null)[];
  rng: Rng;
  /** Inspirations' block interiors, for crossover. */
  donors: () => readonly (readonly string[])[];
  /** The whole program as it stands (blocks included), to see whether a name is read anywhere. */
  program: string;
}

export interface PyChange {
  block: number;
  text: string;
  note: string;
}

export interface PyOperator {
  name: string;
  apply(ctx: PyOperatorContext): PyChange | null;
}

const SWAPS: readonly (readonly string[])[] = [
  ["+", "-"],
  ["*", "/"],
  ["//", "%"],
  ["<", "<=", ">", ">="],
  ["==", "!="],
  ["and", "or"],
  ["+=", "-="],
  ["*=", "/="],
];

/** Statements that must stay where they are to mean anything or to compile (the base constructor: before any attribute). */
const PINNED = /^(global|nonlocal|import|from|return|yield|raise|break|continue|pass|super|@)$/;

/** Numeric literals: floats on a log scale, integers by one step or by a factor of two. */
export const constant: PyOperator = {
  name: "constant",
  apply(ctx) {
    const sites = tokenSites(ctx, (t) => t.kind === "number" && /^[\d.][\d._eE+-]*$/.test(t.text));
    if (sites.length === 0) return null;
    const { block, token } = ctx.rng.pick(sites);
    const value = Number(token.text.replaceAll("_", ""));
    if (!Number.isFinite(value)) return null;
    const next = /[.eE]/.test(token.text) ? mutateFloat(value, ctx.rng) : mutateInt(value, ctx.rng);
    if (next === token.text) return null;
    return replaceToken(ctx, block, token, next, `constant ${token.text} -> ${next}`);
  },
};

function mutateFloat(value: number, rng: Rng): string {
  const v = value === 0 ? rng.next() * 0.1 : value * Math.exp(0.5 * rng.normal());
  const text = String(Number(v.toPrecision(3)));
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function mutateInt(value: number, rng: Rng): string {
  let v: number;
  if (value >= 4 && rng.chance(0.5)) v = rng.chance(0.5) ? value * 2 : Math.round(value / 2);
  else v = value + (rng.chance(0.5) ? 1 : -1);
  return String(Math.max(0, Math.round(v)));
}

/** A binary operator for another of its class (`+`/`-`, `<`/`<=`, `and`/`or`, ...). */
export const swapOperator: PyOperator = {
  name: "swap-operator",
  apply(ctx) {
    const sites: Array<{ block: number; token: Token; group: readonly string[] }> = [];
    ctx.blocks.forEach((b, block) => {
      if (!b) return;
      for (const line of b.lines) {
        line.tokens.forEach((token, i) => {
          const group = SWAPS.find((g) => g.includes(token.text));
          if (!group || token.kind === "string" || token.kind === "number") return;
          if (!endsOperand(line.tokens[i - 1])) return;
          sites.push({ block, token, group });
        });
      }
    });
    if (sites.length === 0) return null;
    const { block, token, group } = ctx.rng.pick(sites);
    const next = ctx.rng.pick(group.filter((o) => o !== token.text));
    return replaceToken(ctx, block, token, next, `operator ${token.text} -> ${next}`);
  },
};

/** Two adjacent simple statements of one suite change places. */
export const swapStatements: PyOperator = {
  name: "swap-statements",
  apply(ctx) {
    const sites: Array<{ block: number; a: LogicalLine; b: LogicalLine }> = [];
    ctx.blocks.forEach((b, block) => {
      b?.lines.forEach((a, i) => {
        const next = b.lines[i + 1];
        if (next && isMovable(a) && isMovable(next) && a.indent === next.indent) {
          const independent = !dependsOn(a, next) && !dependsOn(next, a);
          if (independent && lineText(b, a) !== lineText(b, next))
            sites.push({ block, a, b: next });
        }
      });
    });
    if (sites.length === 0) return null;
    const { block, a, b } = ctx.rng.pick(sites);
    const t = ctx.blocks[block] as PythonText;
    const text = t.text.slice(0, a.start) + lineText(t, b) + lineText(t, a) + t.text.slice(b.end);
    return { block, text, note: `swapped lines "${firstLine(t, a)}" and "${firstLine(t, b)}"` };
  },
};

/** A simple statement goes, when a sibling keeps its suite non-empty. */
export const deleteStatement: PyOperator = {
  name: "delete-statement",
  apply(ctx) {
    const sites = lineSites(ctx, (b, i) => {
      const line = b.lines[i] as LogicalLine;
      return isMovable(line) && hasSibling(b, i) && isDispensable(ctx.program, line);
    });
    if (sites.length === 0) return null;
    const { block, line } = ctx.rng.pick(sites);
    const t = ctx.blocks[block] as PythonText;
    const text = t.text.slice(0, line.start) + t.text.slice(line.end);
    return { block, text, note: `deleted "${firstLine(t, line)}"` };
  },
};

/** A simple statement runs twice (an extra update step, a repeated layer call...). */
export const duplicateStatement: PyOperator = {
  name: "duplicate-statement",
  apply(ctx) {
    const sites = lineSites(ctx, (b, i) => isMovable(b.lines[i] as LogicalLine));
    if (sites.length === 0) return null;
    const { block, line } = ctx.rng.pick(sites);
    const t = ctx.blocks[block] as PythonText;
    const copy = withBreak(lineText(t, line));
    const text = t.text.slice(0, line.start) + copy + copy + t.text.slice(line.end);
    return { block, text, note: `duplicated "${firstLine(t, line)}"` };
  },
};

/**
 * Crossover with an inspiration: an assignment takes the donor's right-hand
 * side for the same target in the same block (a learning rate, a layer size),
 * or, less often, a whole block is taken from the donor.
 */
export const crossover: PyOperator = {
  name: "crossover",
  apply(ctx) {
    const donors = ctx.donors().filter((d) => d.length === ctx.blocks.length);
    if (donors.length === 0) return null;
    const donor = ctx.rng.pick(donors);
    const sites: PyChange[] = [];
    ctx.blocks.forEach((b, block) => {
      const theirs = donor[block];
      if (!b || theirs === undefined || theirs === b.text) return;
      const d = tokenizeCached(theirs);
      if (!d) return;
      for (const line of b.lines) {
        const target = assignmentTarget(b, line);
        if (!target || !isMovable(line)) continue;
        const match = d.lines.find(
          (l) => l.indent === line.indent && isMovable(l) && assignmentTarget(d, l) === target,
        );
        if (!match || lineText(d, match).trim() === lineText(b, line).trim()) continue;
        const text =
          b.text.slice(0, line.start) + withBreak(lineText(d, match)) + b.text.slice(line.end);
        sites.push({ block, text, note: `crossover: ${target} from an inspiration` });
      }
      if (sites.length === 0 || ctx.rng.chance(0.1)) {
        sites.push({
          block,
          text: theirs,
          note: `crossover: block ${block + 1} from an inspiration`,
        });
      }
    });
    return sites.length === 0 ? null : ctx.rng.pick(sites);
  },
};

export const PY_OPERATORS: readonly PyOperator[] = [
  constant,
  swapOperator,
  swapStatements,
  deleteStatement,
  duplicateStatement,
  crossover,
];

export const PY_BASE_WEIGHTS: Readonly<Record<string, number>> = {
  constant: 5,
  "swap-operator": 2,
  "swap-statements": 1,
  "delete-statement": 1,
  "duplicate-statement": 1,
  crossover: 2,
};

/** A statement gp may move, drop or repeat: one simple statement, not a header or a decorator. */
function isMovable(line: LogicalLine): boolean {
  const first = line.tokens[0];
  const last = line.tokens.at(-1);
  if (!first || !last || last.text === ":" || first.text === "@") return false;
  if (PINNED.test(first.text)) return false;
  const compound = /^(if|elif|else|for|while|def|class|with|try|except|finally|async|match|case)$/;
  return !(first.kind === "name" && compound.test(first.text));
}

/**
 * Whether removing a statement leaves the program able to run: an assignment
 * only when no other statement reads what it defines (a dead store), an
 * update (`x += ...`) or a call always, except the base-class constructor.
 * Deleting a definition that is read later only ever gives a NameError.
 */
function isDispensable(program: string, line: LogicalLine): boolean {
  const first = line.tokens[0];
  if (!first || first.text === "super") return false;
  const eq = line.tokens.findIndex((t) => t.text === "=");
  if (eq < 0) return true;
  return assigned(line).every((name) => occurrences(program, name) <= 1);
}

/** Names a statement binds with `=` (the targets' plain names, not attributes or subscripts). */
function assigned(line: LogicalLine): string[] {
  const eq = line.tokens.findIndex((t) => t.text === "=");
  if (eq < 0) return [];
  return line.tokens
    .slice(0, eq)
    .filter((t, i, all) => t.kind === "name" && all[i - 1]?.text !== ".")
    .map((t) => t.text);
}

/** Whether `later` reads or rebinds a name `earlier` binds (then they cannot change places). */
function dependsOn(earlier: LogicalLine, later: LogicalLine): boolean {
  const names = new Set([...assigned(earlier), ...augmented(earlier)]);
  if (names.size === 0) return false;
  return later.tokens.some((t) => t.kind === "name" && names.has(t.text));
}

/** Names an augmented assignment (`x += 1`) updates. */
function augmented(line: LogicalLine): string[] {
  const op = line.tokens.findIndex(
    (t) => t.kind === "op" && /^[-+*/%@&|^<>]+=$|^\*\*=$|^\/\/=$/.test(t.text),
  );
  return op < 0
    ? []
    : line.tokens
        .slice(0, op)
        .filter((t) => t.kind === "name")
        .map((t) => t.text);
}

function occurrences(text: string, name: string): number {
  return text.match(new RegExp(`(?<![\\w.])${name}(?!\\w)`, "g"))?.length ?? 0;
}

/** Whether line i shares its suite with another statement inside the block. */
function hasSibling(b: PythonText, i: number): boolean {
  const indent = (b.lines[i] as LogicalLine).indent;
  const near = (step: number) => {
    for (let j = i + step; j >= 0 && j < b.lines.length; j += step) {
      const other = (b.lines[j] as LogicalLine).indent;
      if (other === indent) return true;
      if (other.length < indent.length || !other.startsWith(indent)) return false;
    }
    return false;
  };
  return near(-1) || near(1);
}

function assignmentTarget(b: PythonText, line: LogicalLine): string | null {
  const eq = line.tokens.findIndex((t) => t.text === "=");
  if (eq < 1) return null;
  const target = line.tokens.slice(0, eq);
  if (!target.every((t) => t.kind === "name" || t.text === "." || t.text === ",")) return null;
  return b.text.slice(target[0]?.start, target.at(-1)?.end);
}

function tokenSites(ctx: PyOperatorContext, keep: (t: Token) => boolean) {
  const sites: Array<{ block: number; token: Token }> = [];
  ctx.blocks.forEach((b, block) => {
    for (const line of b?.lines ?? []) {
      for (const token of line.tokens) if (keep(token)) sites.push({ block, token });
    }
  });
  return sites;
}

function lineSites(ctx: PyOperatorContext, keep: (b: PythonText, i: number) => boolean) {
  const sites: Array<{ block: number; line: LogicalLine }> = [];
  ctx.blocks.forEach((b, block) => {
    b?.lines.forEach((line, i) => {
      if (keep(b, i)) sites.push({ block, line });
    });
  });
  return sites;
}

function replaceToken(
  ctx: PyOperatorContext,
  block: number,
  token: Token,
  text: string,
  note: string,
): PyChange {
  const t = ctx.blocks[block] as PythonText;
  return { block, text: t.text.slice(0, token.start) + text + t.text.slice(token.end), note };
}

const lineText = (t: PythonText, line: LogicalLine) =>
  withBreak(t.text.slice(line.start, line.end));
const withBreak = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
const firstLine = (t: PythonText, line: LogicalLine) =>
  t.text.slice(line.start, line.end).trim().split("\n")[0]?.slice(0, 60) ?? "";

const cache = new Map<string, PythonText | null>();
function tokenizeCached(text: string): PythonText | null {
  if (!cache.has(text)) {
    if (cache.size > 64) cache.clear();
    cache.set(text, tokenize(text));
  }
  return cache.get(text) ?? null;
}
