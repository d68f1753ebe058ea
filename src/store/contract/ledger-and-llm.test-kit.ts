/** Store contract, the ledger's rows and checkpoints, and LLM calls with spend per model. */
import { expect, it } from "vitest";
import type { Store } from "../store.ts";

export function describeLedgerAndLlmContract(subject: () => Store): void {
  it("keeps ledger rows in order and LLM spend per model", () => {
    const store = subject();
    for (const kind of ["a", "b", "c"]) {
      store.ledger.append({ kind, body: `{"k":"${kind}"}`, leafHash: kind, createdAt: "t" });
    }
    expect(store.ledger.count()).toBe(3);
    expect(store.ledger.list(2).map((r) => [r.seq, r.kind])).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
    store.ledger.addCheckpoint({ size: 3, root: "r", time: "t", publicKey: "k", signature: "s" });
    expect(store.ledger.checkpoints()).toHaveLength(1);
    const call = { runId: null, candidateId: null, purpose: "mutate", latencyMs: 5, error: null };
    store.llm.recordCall({
      ...call,
      model: "m1",
      promptTokens: 10,
      completionTokens: 5,
      cost: 0.5,
      outcome: "ok",
    });
    store.llm.recordCall({
      ...call,
      model: "m1",
      promptTokens: 1,
      completionTokens: 0,
      cost: 0.25,
      outcome: "error",
    });
    store.llm.recordCall({
      ...call,
      model: "m2",
      promptTokens: 2,
      completionTokens: 2,
      cost: 0,
      outcome: "ok",
    });
    expect(store.llm.spendByModel()).toEqual([
      { model: "m1", calls: 2, failed: 1, promptTokens: 11, completionTokens: 5, cost: 0.75 },
      { model: "m2", calls: 1, failed: 0, promptTokens: 2, completionTokens: 2, cost: 0 },
    ]);
  });
}
