/** Every gp operator, with the weight it starts with (before adaptation). */
import { constant } from "./constant.ts";
import { crossover } from "./crossover.ts";
import { deleteStatement } from "./delete-statement.ts";
import { duplicateStatement } from "./duplicate-statement.ts";
import { insertGuard, insertStatement } from "./insert-statement.ts";
import type { GpOperator } from "./operator.ts";
import { replaceSubtree } from "./replace-subtree.ts";
import { shrink } from "./shrink.ts";
import { split } from "./split.ts";
import { swapMath } from "./swap-math.ts";
import { swapOperator } from "./swap-operator.ts";
import { swapStatements } from "./swap-statements.ts";
import { wrap } from "./wrap.ts";

export const OPERATORS: readonly GpOperator[] = [
  constant,
  swapOperator,
  swapMath,
  replaceSubtree,
  wrap,
  split,
  shrink,
  insertStatement,
  insertGuard,
  deleteStatement,
  swapStatements,
  duplicateStatement,
  crossover,
];

export const BASE_WEIGHTS: Readonly<Record<string, number>> = {
  constant: 3,
  "swap-operator": 1,
  "swap-math": 1,
  "replace-subtree": 2,
  wrap: 2,
  split: 1.5,
  shrink: 1,
  "insert-statement": 1,
  "insert-guard": 1,
  "delete-statement": 0.5,
  "swap-statements": 0.5,
  "duplicate-statement": 0.5,
  crossover: 1.5,
};
