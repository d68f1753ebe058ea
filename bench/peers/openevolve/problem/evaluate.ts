/** Calls the candidate once; every candidate that answers scores the same. */
import { defineEvaluator } from "steward";

export default defineEvaluator({
  async evaluate(candidate) {
    const y = await candidate.call<number>("f", 1);
    return { metrics: { score: typeof y === "number" ? 1 : 0 } };
  },
});
