import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MutatorModuleConfig } from "../problem/charter-mutators.ts";
import { loadMutatorModule } from "./load-mutator-module.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-mutator-module-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let count = 0;
/** Writes a module and loads it as the charter entry `module: ./mN.ts` with `entry`. */
function load(source: string, entry: Partial<MutatorModuleConfig> = {}) {
  const name = `m${count++}.ts`;
  fs.writeFileSync(path.join(root, name), source);
  return loadMutatorModule(path.join(root, name), {
    module: `./${name}`,
    export: "default",
    options: undefined,
    weight: 1,
    ...entry,
  });
}

const MUTATOR = `{ name: "mine", async mutate() { return { ok: false, reason: "no-change", message: "-" } as const; } }`;

describe("loading a charter's mutator module", () => {
  it("takes a default-exported Mutator, written in TypeScript", async () => {
    const mutator = await load(`const m: { name: string } = ${MUTATOR};\nexport default m;\n`);
    expect(mutator.name).toBe("mine");
    expect(await mutator.mutate({} as never)).toMatchObject({ reason: "no-change" });
  });

  it("calls an exported factory, async or not, with the charter's options", async () => {
    const source = `export async function make(options: { name: string }) {
  return { name: options.name, async mutate() { return { ok: false, reason: "no-change", message: "-" } as const; } };
}\n`;
    const mutator = await load(source, { export: "make", options: { name: "from-options" } });
    expect(mutator.name).toBe("from-options");
  });

  it("names a missing export and lists the module's exports", async () => {
    await expect(load(`export const nudge = ${MUTATOR};\n`)).rejects.toMatchObject({
      code: "charter-invalid",
      message: expect.stringMatching(
        /^mutators: module \.\/m\d+\.ts: it has no export "default" \(its exports: nudge\); name one with export:/,
      ),
    });
  });

  it("says what is missing from something that is not a Mutator", async () => {
    const cases: Array<[string, RegExp]> = [
      ["export default 42;\n", /is number, not an object/],
      ["export default { mutate() {} };\n", /is an object without a name/],
      ['export default { name: "x" };\n', /is "x", which has no mutate function/],
      ['export default { name: "x", mutate() {}, reward: 1 };\n', /whose reward is not a function/],
      ["export default () => null;\n", /returned null, not an object/],
    ];
    for (const [source, problem] of cases) {
      await expect(load(source)).rejects.toMatchObject({
        code: "charter-invalid",
        message: expect.stringMatching(problem),
      });
    }
  });

  it("reports a module that does not load, or a factory that throws, with the cause", async () => {
    await expect(load("export default {{;\n")).rejects.toMatchObject({
      code: "charter-invalid",
      message: expect.stringMatching(/it did not load \(.+\); fix the module/),
    });
    await expect(
      load('export default () => { throw new Error("no key"); };\n'),
    ).rejects.toMatchObject({
      code: "charter-invalid",
      message: expect.stringMatching(/threw when called \(no key\)/),
    });
  });
});
