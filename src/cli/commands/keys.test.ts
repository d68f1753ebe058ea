import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { approvalsFileSchema, PUBLIC_KEY_PATTERN } from "../../problem/charter-oversight.ts";
import type { CommandIO } from "../command.ts";
import { keysCommand } from "./keys.ts";

let configDir: string;
let saved: string | undefined;
beforeEach(() => {
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-keys-cli-"));
  saved = process.env.STEWARD_CONFIG_DIR;
  process.env.STEWARD_CONFIG_DIR = configDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.STEWARD_CONFIG_DIR;
  else process.env.STEWARD_CONFIG_DIR = saved;
  fs.rmSync(configDir, { recursive: true, force: true });
});

async function keys(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await keysCommand.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("steward keys", () => {
  it("create prints the public key and a charter snippet that parses", async () => {
    const { code, out } = await keys("create", "alice");
    expect(code).toBe(0);
    expect(out).toContain(`created approver key "alice" in ${path.join(configDir, "keys")}`);
    const publicKey = /public key: (\S+)/.exec(out)?.[1] ?? "";
    expect(publicKey).toMatch(PUBLIC_KEY_PATTERN);
    const snippet = out.slice(out.indexOf("approvals:"));
    const approvals = approvalsFileSchema.parse(parse(snippet).approvals);
    expect(approvals.approvers).toEqual([{ name: "alice", key: publicKey }]);
  });

  it("quotes names that YAML would read as something else", async () => {
    const { out } = await keys("create", "007");
    const snippet = out.slice(out.indexOf("approvals:"));
    expect(parse(snippet).approvals.approvers[0].name).toBe("007");
  });

  it("refuses to replace a key unless --force, and refuses machine names", async () => {
    await keys("create", "alice");
    await expect(keys("create", "alice")).rejects.toThrow(/already exists.*--force/);
    const before = (await keys("show", "alice")).out;
    const forced = await keys("create", "alice", "--force");
    expect(forced.code).toBe(0);
    expect(forced.out).not.toBe(before);
    await expect(keys("create", "llm")).rejects.toMatchObject({
      code: "usage",
      message: expect.stringMatching(/machines can never approve/),
    });
  });

  it("list and show the keys", async () => {
    expect((await keys("list")).out).toMatch(/no approver keys in .*steward keys create NAME/);
    await keys("create", "bob");
    await keys("create", "alice");
    const shown = await keys("show", "alice");
    const alice = /public key: (\S+)/.exec(shown.out)?.[1];
    const listed = await keys("list");
    expect(listed.code).toBe(0);
    expect(listed.out.split("\n")).toEqual([
      `alice  ${alice}`,
      expect.stringMatching(/^bob {2}ed25519:/),
    ]);
  });

  it("says how to create a key that is missing", async () => {
    await expect(keys("show", "carol")).rejects.toMatchObject({
      code: "not-found",
      message: expect.stringMatching(/steward keys create carol/),
    });
  });

  it("has a real --help and usage errors", async () => {
    const help = await keys("--help");
    expect(help.code).toBe(0);
    expect(help.out).toBe(keysCommand.usage);
    expect(keysCommand.usage).toMatch(/create NAME \[--force\][\s\S]*list[\s\S]*show NAME/);
    for (const args of [[], ["create"], ["show", "a", "b"], ["list", "x"], ["frob"]]) {
      await expect(keys(...args)).rejects.toMatchObject({ code: "usage" });
    }
    await expect(keys("show", "alice", "--force")).rejects.toThrow(/--force only goes with create/);
    await expect(keys("list", "--bogus")).rejects.toThrow(/steward keys --help/);
  });
});
