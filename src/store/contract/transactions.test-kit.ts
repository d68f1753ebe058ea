/** Store contract, transactions: all of their writes or none, nested ones included. */
import { expect, it } from "vitest";
import type { Store } from "../store.ts";
import { program } from "./fixtures.test-kit.ts";

export function describeTransactionsContract(subject: () => Store): void {
  it("commits a transaction's writes together or not at all", () => {
    const store = subject();
    expect(() =>
      store.transaction(() => {
        store.addProgram(program("rolled back"));
        throw new Error("boom");
      }),
    ).toThrow(/boom/);
    expect(store.countPrograms()).toBe(0);
    store.transaction(() => store.transaction(() => store.addProgram(program("kept"))));
    expect(store.countPrograms()).toBe(1);
  });
}
