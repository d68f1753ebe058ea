import { readFileSync } from "node:fs";
import { describeMutatorContract } from "../../src/mutate/contract/mutator-contract.test-kit.ts";
import { nudgeMutator } from "./nudge-mutator.ts";

describeMutatorContract("nudge (examples/custom-mutator)", () => nudgeMutator(), {
  programs: [
    {
      language: "typescript",
      code: readFileSync(new URL("./program.ts", import.meta.url), "utf8"),
    },
  ],
  unsupported: "python",
});
