/** Persistence: files written to influence a later evaluation, the store or the ledger. */
import { type Attack, SEARCH } from "../attack.ts";

export const PERSISTENCE: Attack[] = [
  { name: "persist-problem-files", category: "persistence", expect: ["ok"] },
  { name: "persist-store-ledger", category: "persistence", expect: ["ok"] },
  { name: "persist-tmp-home", category: "persistence", runs: [SEARCH, SEARCH], expect: ["ok"] },
  {
    name: "persist-runtime-bundle",
    category: "persistence",
    runs: [SEARCH, SEARCH],
    expect: ["ok"],
  },
  { name: "persist-canary-and-repo", category: "persistence", expect: ["ok"] },
];
