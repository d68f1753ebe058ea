// Loaded with `node --import` into evaluator processes (and the CLI): TypeScript
// through tsx, and `import ... from "steward"` resolved to this package even from
// a problem folder outside it.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
register("./resolve-steward.mjs", import.meta.url);
