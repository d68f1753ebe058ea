/** gp's operator set for Python and the base weights the adaptive rates start from. */
import { constant } from "./constant.ts";
import { crossover } from "./crossover.ts";
import type { PyOperator } from "./operator.ts";
import { deleteStatement, duplicateStatement, swapStatements } from "./statements.ts";
import { swapFunction, swapOperator } from "./swaps.ts";

export const PY_OPERATORS: readonly PyOperator[] = [
  constant,
  swapOperator,
  swapFunction,
  swapStatements,
  deleteStatement,
  duplicateStatement,
  crossover,
];

export const PY_BASE_WEIGHTS: Readonly<Record<string, number>> = {
  constant: 5,
  "swap-operator": 2,
  "swap-function": 1,
  "swap-statements": 1,
  "delete-statement": 1,
  "duplicate-statement": 1,
  crossover: 2,
};
