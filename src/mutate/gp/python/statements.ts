/**
 * Statement operators: `swap-statements`, `delete-statement` and
 * `duplicate-statement`, over simple statements (assignments, calls, updates,
 * asserts) that stand on lines of their own inside a block. They work on whole
 * lines among siblings of one suite, so indentation and suites stay valid, and
 * they respect data flow: two statements change places only when neither binds
 * a name the other uses, and a statement goes only when nothing else reads
 * what it defines (a dead store, an update or a call). The base-class
 * constructor call never moves or goes.
 */
import { type PyOperator, type PyOperatorContext, shortText } from "./operator.ts";
import { type PythonSource, regionOf, type SyntaxNode, variables } from "./syntax-tree.ts";

const SIMPLE = new Set(["expression_statement", "assert_statement", "delete_statement"]);

export interface Statement {
  node: SyntaxNode;
  block: number;
  /** Its whole lines: from the start of its first line to past its last line break. */
  start: number;
  end: number;
}

/** The statements of `source` that stand on whole lines inside a block, in order. */
export function lineStatements(source: PythonSource): Statement[] {
  const { text } = source;
  const out: Statement[] = [];
  for (const node of source.tree.rootNode.descendantsOfType([...SIMPLE])) {
    const suite = node.parent?.type;
    if (suite !== "block" && suite !== "module") continue;
    const start = text.lastIndexOf("\n", node.startIndex - 1) + 1;
    if (text.slice(start, node.startIndex).trim() !== "") continue;
    const nl = text.indexOf("\n", node.endIndex);
    const end = nl < 0 ? text.length : nl + 1;
    if (!/^[ \t]*(#.*)?\r?\n?$/.test(text.slice(node.endIndex, end))) continue;
    const block = regionOf(source, start, end);
    if (block >= 0) out.push({ node, block, start, end });
  }
  return out;
}

function isMovable(node: SyntaxNode): boolean {
  return !/^super\s*\(/.test(node.text);
}

/** The names a statement binds or changes: its assignment targets' names, an updated name, a call's receiver. */
function written(node: SyntaxNode): Set<string> {
  const inner = node.namedChild(0);
  const names = new Set<string>();
  if (inner?.type === "assignment" || inner?.type === "augmented_assignment") {
    const left = inner.childForFieldName("left");
    if (left) for (const v of variables(left)) names.add(v.text);
  } else if (inner?.type === "call") {
    const root = inner.childForFieldName("function")?.descendantsOfType("identifier")[0];
    if (root) names.add(root.text);
  }
  return names;
}

function dependent(a: SyntaxNode, b: SyntaxNode): boolean {
  const reads = (n: SyntaxNode, names: Set<string>) => variables(n).some((v) => names.has(v.text));
  return reads(b, written(a)) || reads(a, written(b));
}

/** Whether a statement can go without leaving a name undefined. */
function isDispensable(source: PythonSource, node: SyntaxNode): boolean {
  if (!isMovable(node)) return false;
  const inner = node.namedChild(0);
  if (inner?.type !== "assignment") return true;
  const left = inner.childForFieldName("left");
  const bound = left ? variables(left).map((v) => v.text) : [];
  const uses = useCounts(source);
  return bound.every((name) => (uses.get(name) ?? 0) <= 1);
}

const counted = new WeakMap<PythonSource, Map<string, number>>();
/** How often each name occurs as a variable in the whole program. */
function useCounts(source: PythonSource): Map<string, number> {
  let counts = counted.get(source);
  if (!counts) {
    counts = new Map();
    for (const v of variables(source.tree.rootNode))
      counts.set(v.text, (counts.get(v.text) ?? 0) + 1);
    counted.set(source, counts);
  }
  return counts;
}

/** The statements of a suite, without comments. */
function siblings(node: SyntaxNode): SyntaxNode[] {
  return node.parent?.namedChildren.filter((c) => c.type !== "comment") ?? [];
}

function statementSites(ctx: PyOperatorContext, keep: (s: Statement) => boolean): Statement[] {
  return lineStatements(ctx.source).filter(keep);
}

export const swapStatements: PyOperator = {
  name: "swap-statements",
  apply(ctx) {
    const all = lineStatements(ctx.source);
    const pairs: Array<[Statement, Statement]> = [];
    for (const a of all) {
      const next = siblings(a.node).find((s) => s.startIndex >= a.node.endIndex);
      const b = all.find((s) => s.node.id === next?.id);
      if (!b || b.block !== a.block || !isMovable(a.node) || !isMovable(b.node)) continue;
      if (a.node.text === b.node.text || dependent(a.node, b.node)) continue;
      pairs.push([a, b]);
    }
    if (pairs.length === 0) return null;
    const [a, b] = ctx.rng.pick(pairs);
    const t = ctx.source.text;
    const lines = (s: Statement) => withBreak(t.slice(s.start, s.end));
    return {
      start: a.start,
      end: b.end,
      text: lines(b) + t.slice(a.end, b.start) + lines(a),
      note: `swapped "${shortText(a.node.text)}" and "${shortText(b.node.text)}"`,
    };
  },
};

export const deleteStatement: PyOperator = {
  name: "delete-statement",
  apply(ctx) {
    const sites = statementSites(
      ctx,
      (s) => siblings(s.node).length >= 2 && isDispensable(ctx.source, s.node),
    );
    if (sites.length === 0) return null;
    const s = ctx.rng.pick(sites);
    return { start: s.start, end: s.end, text: "", note: `deleted "${shortText(s.node.text)}"` };
  },
};

export const duplicateStatement: PyOperator = {
  name: "duplicate-statement",
  apply(ctx) {
    const sites = statementSites(ctx, (s) => isMovable(s.node));
    if (sites.length === 0) return null;
    const s = ctx.rng.pick(sites);
    const copy = withBreak(ctx.source.text.slice(s.start, s.end));
    return {
      start: s.start,
      end: s.end,
      text: copy + copy,
      note: `duplicated "${shortText(s.node.text)}"`,
    };
  },
};

export const withBreak = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
