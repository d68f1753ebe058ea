/**
 * `swap-operator` and `swap-function`: a binary, comparison, boolean or
 * augmented-assignment operator becomes another of its precedence class
 * (`+`/`-`, `<`/`<=`, `and`/`or`, `*=`/`/=`...), and a well-known function or
 * class becomes a drop-in alternative (a GRU for an LSTM, Adam for AdamW, one
 * activation for another): same call shape, so the program still runs.
 */
import { type PyOperator, replaceNode } from "./operator.ts";
import { isVariable, nodesInBlocks, type SyntaxNode } from "./syntax-tree.ts";

const OPERATOR_CLASSES: readonly (readonly string[])[] = [
  ["+", "-"],
  ["*", "/"],
  ["//", "%"],
  ["<", "<=", ">", ">="],
  ["==", "!="],
  ["and", "or"],
  ["+=", "-="],
  ["*=", "/="],
];

/** Interchangeable callables: same arguments, same kind of result. */
export const FUNCTION_CLASSES: readonly (readonly string[])[] = [
  ["nn.GRU", "nn.LSTM", "nn.RNN"],
  [
    "torch.optim.Adam",
    "torch.optim.AdamW",
    "torch.optim.NAdam",
    "torch.optim.RAdam",
    "torch.optim.RMSprop",
  ],
  ["torch.tanh", "torch.relu", "torch.sigmoid", "F.relu", "F.gelu", "F.silu", "F.elu"],
  ["nn.Tanh", "nn.ReLU", "nn.GELU", "nn.SiLU", "nn.ELU"],
  ["math.cos", "math.sin"],
  ["math.exp", "math.sqrt", "math.log1p"],
  ["min", "max"],
];

/** The operator token of a binary, comparison, boolean or augmented-assignment node. */
function operatorTokens(node: SyntaxNode): SyntaxNode[] {
  if (node.type === "comparison_operator") return node.children.filter((c) => !c.isNamed);
  const op = node.childForFieldName("operator");
  if (!op) return [];
  // `"%d" % n` formats a string: swapping it only makes a TypeError.
  if (node.type === "binary_operator" && node.childForFieldName("left")?.type === "string")
    return [];
  return [op];
}

export const swapOperator: PyOperator = {
  name: "swap-operator",
  apply(ctx) {
    const types = [
      "binary_operator",
      "comparison_operator",
      "boolean_operator",
      "augmented_assignment",
    ];
    const sites = nodesInBlocks(ctx.source, types).flatMap(({ node }) =>
      operatorTokens(node).flatMap((token) => {
        const group = OPERATOR_CLASSES.find((g) => g.includes(token.text));
        return group ? [{ token, group }] : [];
      }),
    );
    if (sites.length === 0) return null;
    const { token, group } = ctx.rng.pick(sites);
    const next = ctx.rng.pick(group.filter((o) => o !== token.text));
    return replaceNode(token, next, `operator ${token.text} -> ${next}`);
  },
};

export const swapFunction: PyOperator = {
  name: "swap-function",
  apply(ctx) {
    const sites = nodesInBlocks(ctx.source, ["attribute", "identifier"]).flatMap(({ node }) => {
      if (node.parent?.type === "attribute") return [];
      if (node.type === "identifier" && !isVariable(node)) return [];
      const group = FUNCTION_CLASSES.find((g) => g.includes(node.text));
      return group ? [{ node, group }] : [];
    });
    if (sites.length === 0) return null;
    const { node, group } = ctx.rng.pick(sites);
    const next = ctx.rng.pick(group.filter((f) => f !== node.text));
    return replaceNode(node, next, `function ${node.text} -> ${next}`);
  },
};
