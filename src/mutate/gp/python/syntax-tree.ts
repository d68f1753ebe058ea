/**
 * Python programs as tree-sitter syntax trees (tree-sitter-python's grammar,
 * a native parser shipped prebuilt in the npm package: nothing is downloaded
 * or run). gp's operators read a program through `PythonSource`: its text, its
 * tree and the EVOLVE-BLOCK interiors as offset ranges, and they edit the text
 * only inside those ranges. Offsets are JavaScript string indexes (the Node
 * binding parses strings as UTF-16), so they slice the text directly.
 */
import Parser from "tree-sitter";
import Python from "tree-sitter-python";
import { parseBlocks } from "../../../problem/markers.ts";

export type SyntaxNode = Parser.SyntaxNode;

export interface Region {
  start: number;
  end: number;
}

export interface PythonSource {
  text: string;
  tree: Parser.Tree;
  /** The EVOLVE-BLOCK interiors, in order (the whole text when it has no markers). */
  regions: readonly Region[];
}

let parser: Parser | null = null;

/** The tree of `text`; error nodes mark what the grammar cannot read. */
export function parseTree(text: string): Parser.Tree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Python as unknown as Parser.Language);
  }
  // The binding reads the string in chunks of bufferSize; one chunk is enough.
  return parser.parse(text, null, { bufferSize: Math.max(32 * 1024, text.length + 1) });
}

/** Whether tree-sitter's Python grammar reads `text` with no error or missing node. */
export function parsesAsPython(text: string): boolean {
  return !parseTree(text).rootNode.hasError;
}

/** `text` parsed, with its blocks; null when the markers or the Python cannot be read. */
export function readSource(text: string): PythonSource | null {
  let blocks: ReturnType<typeof parseBlocks>;
  try {
    blocks = parseBlocks(text);
  } catch {
    return null;
  }
  const tree = parseTree(text);
  if (tree.rootNode.hasError) return null;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const regions = blocks.map((b) => {
    const start = lineStarts[b.firstLine - 1] ?? text.length;
    return { start, end: start + b.text.length };
  });
  return { text, tree, regions };
}

/** The index of the region that holds [start, end) whole, or -1. */
export function regionOf(source: PythonSource, start: number, end: number): number {
  return source.regions.findIndex((r) => r.start <= start && end <= r.end);
}

/** Every node of `types` inside a block, with its block's index. */
export function nodesInBlocks(
  source: PythonSource,
  types: readonly string[],
): Array<{ node: SyntaxNode; block: number }> {
  const out: Array<{ node: SyntaxNode; block: number }> = [];
  for (const node of source.tree.rootNode.descendantsOfType([...types])) {
    const block = regionOf(source, node.startIndex, node.endIndex);
    if (block >= 0) out.push({ node, block });
  }
  return out;
}

/** A name read or bound by `node`: an identifier that is not an attribute's member or a keyword argument's name. */
export function isVariable(node: SyntaxNode): boolean {
  if (node.type !== "identifier") return false;
  const parent = node.parent;
  if (parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === node.id)
    return false;
  if (parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === node.id)
    return false;
  return true;
}

/** The variables under `node` (itself included). */
export function variables(node: SyntaxNode): SyntaxNode[] {
  const found = node.descendantsOfType("identifier").filter(isVariable);
  return found;
}
