import { readFileSync } from "node:fs";
import { describeMutatorContract } from "../contract/mutator-contract.test-kit.ts";
import { createGpMutator } from "./gp-mutator.ts";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describeMutatorContract("gp", () => createGpMutator(), {
  programs: [
    {
      language: "typescript",
      code: read("../../../examples/bin-packing/program.ts"),
      name: "bin packing",
    },
    {
      language: "typescript",
      code: read("./typescript/fixtures/two-blocks.ts"),
      name: "two blocks",
    },
    { language: "python", code: read("./python/fixtures/numeric.py"), name: "numeric" },
    { language: "python", code: read("../../../examples/char-lm/train.py"), name: "char-lm" },
  ],
  unsupported: "command",
});
