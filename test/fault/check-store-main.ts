/**
 * `node --import src/evaluation/host/loader/register.mjs test/fault/check-store-main.ts
 * PROBLEM MAX_EVALS WORKERS [PREVIOUS_FACTS_JSON]`: runs `checkStore` and prints
 * `{ "facts": ..., "violations": [...] }` as one JSON line. For checks that must
 * run in another mount namespace (see private-tmpfs.ts).
 */
import { checkStore, factsFromJson, factsToJson } from "./crash-invariants.ts";

const [dir, maxEvals, workers, previous] = process.argv.slice(2);
if (!dir || !maxEvals || !workers) {
  console.error("usage: check-store-main.ts PROBLEM MAX_EVALS WORKERS [PREVIOUS_FACTS_JSON]");
  process.exit(2);
}
const { facts, violations } = checkStore(dir, {
  maxEvals: Number(maxEvals),
  workers: Number(workers),
  ...(previous && { previous: factsFromJson(previous) }),
});
console.log(`{"facts":${factsToJson(facts)},"violations":${JSON.stringify(violations)}}`);
