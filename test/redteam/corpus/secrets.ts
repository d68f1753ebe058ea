/** Secrets: API keys in the engine's environment, home folders, holdout data, store, ledger. */
import { type Attack, HOLDOUT } from "../attack.ts";
import { notInOutput } from "../evidence.ts";

export const SECRETS_ATTACKS: Attack[] = [
  { name: "secrets-env-keys", category: "secrets", expect: ["ok"] },
  { name: "secrets-env-in-error", category: "secrets", expect: ["crashed"] },
  { name: "secrets-parent-environ", category: "secrets", runs: [HOLDOUT], expect: ["ok"] },
  { name: "secrets-home-dirs", category: "secrets", expect: ["ok"] },
  { name: "secrets-holdout-data", category: "secrets", runs: [HOLDOUT], expect: ["ok"] },
  { name: "secrets-store-db", category: "secrets", expect: ["ok"] },
  { name: "secrets-ledger-checkpoints", category: "secrets", expect: ["ok"] },
  {
    name: "secrets-evaluator-source",
    category: "secrets",
    expect: ["ok"],
    judge: notInOutput("binsUsed(", "evaluator source"),
  },
];
