/** Store contract, programs: add, dedupe by hash, parents in order, lookups and counts. */
import { expect, it } from "vitest";
import { programHash } from "../../util/hash.ts";
import type { Store } from "../store.ts";
import { program } from "./fixtures.test-kit.ts";

export function describeProgramsContract(subject: () => Store): void {
  it("is at a positive schema version", () => {
    const store = subject();
    expect(Number.isInteger(store.schemaVersion) && store.schemaVersion > 0).toBe(true);
  });
  it("adds a program and reads it back by id and by hash", () => {
    const store = subject();
    const { program: added, created } = store.addProgram(program("return 1;"));
    expect(created).toBe(true);
    expect(Number.isInteger(added.id) && added.id > 0).toBe(true);
    expect(added).toMatchObject({ code: "return 1;", origin: "seed", parentIds: [] });
    expect(new Date(added.createdAt).toISOString()).toBe(added.createdAt);
    expect(store.getProgram(added.id)).toStrictEqual(added);
    expect(store.getProgramByHash(added.hash)).toStrictEqual(added);
  });
  it("dedupes by hash: a second add returns the stored program, not created", () => {
    const store = subject();
    const first = store.addProgram(program("return 2;", undefined, "seed")).program;
    const again = store.addProgram(program("return 2;", undefined, "mutator"));
    expect(again).toStrictEqual({ program: first, created: false });
    expect(store.countPrograms()).toBe(1);
  });
  it("keeps parent ids in the order given", () => {
    const store = subject();
    const [a, b, c] = ["a", "b", "c"].map((code) => store.addProgram(program(code)).program.id);
    const child = store.addProgram(program("child", [c ?? 0, a ?? 0, b ?? 0], "mutator")).program;
    expect(child.parentIds).toStrictEqual([c, a, b]);
    expect(store.getProgram(child.id)?.parentIds).toStrictEqual([c, a, b]);
    expect(store.getProgramByHash(child.hash)?.parentIds).toStrictEqual([c, a, b]);
  });
  it("rejects an unknown parent and stores nothing", () => {
    const store = subject();
    const parent = store.addProgram(program("parent")).program;
    const unknown = parent.id + 1000;
    const orphan = program("orphan", [parent.id, unknown]);
    expect(() => store.addProgram(orphan)).toThrow(
      expect.objectContaining({
        code: "store-failed",
        message: expect.stringContaining(`${unknown}`),
      }),
    );
    expect(store.getProgramByHash(orphan.hash)).toBeUndefined();
    expect(store.countPrograms()).toBe(1);
  });
  it("returns undefined for unknown ids and hashes", () => {
    const store = subject();
    expect(store.getProgram(42)).toBeUndefined();
    expect(store.getProgramByHash(programHash("nothing"))).toBeUndefined();
  });
}
