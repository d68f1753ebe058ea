/** The `Math` functions gp swaps and builds with, grouped by arity. */

/** One-argument functions. */
export const UNARY_MATH: readonly string[] = [
  "sqrt",
  "abs",
  "log",
  "exp",
  "log1p",
  "expm1",
  "cbrt",
  "floor",
  "ceil",
  "round",
  "trunc",
  "sign",
  "tanh",
  "atan",
  "log2",
  "sin",
  "cos",
];

/** The ones random expressions are built from (smooth or useful steps). */
export const BUILD_UNARY_MATH: readonly string[] = [
  "sqrt",
  "abs",
  "log",
  "exp",
  "log1p",
  "cbrt",
  "floor",
  "round",
  "tanh",
  "atan",
];

/** Two-argument functions (`min` and `max` also take more). */
export const BINARY_MATH: readonly string[] = ["min", "max", "pow", "atan2", "hypot"];

/** Functions of any number of arguments. */
export const VARIADIC_MATH: readonly string[] = ["min", "max", "hypot"];
