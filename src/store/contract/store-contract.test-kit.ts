/**
 * The contract every Store implementation passes, split by topic (one file
 * each beside this one). An implementation's spec file is two lines:
 *
 *   import { describeStoreContract } from "../contract/store-contract.test-kit.ts";
 *   describeStoreContract("sqlite", () => openMyStoreInATempFolder());
 *
 * The factory opens a fresh, empty store for every test; `cleanup` closes it
 * and removes what it wrote.
 */
import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../store.ts";
import { describeEvaluationsContract } from "./evaluations.test-kit.ts";
import type { StoreUnderTest } from "./fixtures.test-kit.ts";
import { describeLedgerAndLlmContract } from "./ledger-and-llm.test-kit.ts";
import { describeOversightContract } from "./oversight.test-kit.ts";
import { describeProgramsContract } from "./programs.test-kit.ts";
import { describeRunsContract } from "./runs.test-kit.ts";
import { describeTransactionsContract } from "./transactions.test-kit.ts";

export type { StoreUnderTest } from "./fixtures.test-kit.ts";
export { outcome, program } from "./fixtures.test-kit.ts";

export function describeStoreContract(name: string, makeStore: () => StoreUnderTest): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    beforeEach(() => {
      subject = makeStore();
    });
    afterEach(() => subject.cleanup());
    const store = (): Store => subject.store;
    describe("programs", () => describeProgramsContract(store));
    describe("evaluations", () => describeEvaluationsContract(store));
    describe("runs", () => describeRunsContract(store));
    describe("oversight", () => describeOversightContract(store));
    describe("ledger-and-llm", () => describeLedgerAndLlmContract(store));
    describe("transactions", () => describeTransactionsContract(store));
  });
}
