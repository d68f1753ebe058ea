import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitDeploy, commitMessage } from "./git-commit.ts";

const ann = { name: "ann", publicKey: `ed25519:${"A".repeat(42)}E=` };
const ben = { name: "Ben Smith", publicKey: `ed25519:${"B".repeat(42)}E=` };

let root: string;
let savedEnv: NodeJS.ProcessEnv;
// Git must not see the user's global or system config: the identity fallback depends on it.
beforeEach(() => {
  savedEnv = { ...process.env };
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "steward-git-")));
  process.env.GIT_CONFIG_GLOBAL = path.join(root, "no-global-config");
  process.env.GIT_CONFIG_NOSYSTEM = "1";
  for (const name of ["AUTHOR", "COMMITTER"]) {
    delete process.env[`GIT_${name}_NAME`];
    delete process.env[`GIT_${name}_EMAIL`];
  }
});
afterEach(() => {
  process.env = savedEnv;
  fs.rmSync(root, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

function repo(): string {
  const dir = path.join(root, "repo");
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  git(dir, "init", "-q");
  return dir;
}

describe("commitDeploy", () => {
  it("keeps approver names to one line, so a name cannot add trailers", () => {
    const message = commitMessage({
      message: "deploy\n",
      approvers: [{ name: "eve\nApproved-by: mallory <x>", publicKey: ann.publicKey }],
    });
    expect(message).toBe(`deploy\n\nApproved-by: eve Approved-by: mallory x <${ann.publicKey}>\n`);
  });

  it("commits only the deployed file, with Approved-by trailers", () => {
    const dir = repo();
    git(dir, "config", "user.name", "Repo Owner");
    git(dir, "config", "user.email", "owner@example.com");
    const file = path.join(dir, "src", "program.js");
    fs.writeFileSync(file, "export const v = 1;\n");
    fs.writeFileSync(path.join(dir, "other.txt"), "not mine");
    git(dir, "add", "other.txt");

    const hash = commitDeploy({
      file,
      message: "steward: deploy proposal 3\n\nscore: 1 -> 2",
      approvers: [ann, ben],
    });
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(git(dir, "rev-parse", "HEAD")).toBe(hash);
    expect(git(dir, "show", "--name-only", "--format=", "HEAD")).toBe("src/program.js");
    expect(git(dir, "show", "HEAD:src/program.js")).toBe("export const v = 1;");
    expect(git(dir, "log", "-1", "--format=%an <%ae>")).toBe("Repo Owner <owner@example.com>");
    const body = git(dir, "log", "-1", "--format=%B");
    expect(body).toBe(
      `steward: deploy proposal 3\n\nscore: 1 -> 2\n\nApproved-by: ann <${ann.publicKey}>\nApproved-by: Ben Smith <${ben.publicKey}>`,
    );
    expect(git(dir, "log", "-1", "--format=%(trailers:key=Approved-by,valueonly)")).toBe(
      `${ann.name} <${ann.publicKey}>\n${ben.name} <${ben.publicKey}>`,
    );
    // The other staged change is still staged, not committed.
    expect(git(dir, "diff", "--cached", "--name-only")).toBe("other.txt");
  });

  it("falls back to a Steward identity when the repository has none, and commits again", () => {
    const dir = repo();
    const file = path.join(dir, "program.js");
    fs.writeFileSync(file, "v1");
    const first = commitDeploy({ file, message: "deploy 1", approvers: [ann] });
    fs.writeFileSync(file, "v2");
    const second = commitDeploy({ file, message: "rollback", approvers: [] });
    expect(second).not.toBe(first);
    expect(git(dir, "log", "-1", "--format=%an <%ae>")).toBe("Steward <steward@localhost>");
    expect(git(dir, "log", "-1", "--format=%(trailers)")).toBe("");
    expect(git(dir, "show", "HEAD:program.js")).toBe("v2");
    expect(() => git(dir, "config", "--get", "user.name")).toThrow();
  });

  it("says what to do when the file is not in a git repository", () => {
    const file = path.join(root, "loose", "program.js");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "x");
    process.env.GIT_CEILING_DIRECTORIES = root;
    expect(() => commitDeploy({ file, message: "m", approvers: [] })).toThrow(
      /not inside a git repository.*git init.*deploy\.git: false/,
    );
  });

  it("says what to do when git is missing", () => {
    const dir = repo();
    const file = path.join(dir, "program.js");
    fs.writeFileSync(file, "x");
    process.env.PATH = path.join(root, "empty-bin");
    expect(() => commitDeploy({ file, message: "m", approvers: [] })).toThrow(
      /git is not installed.*deploy\.git: false/,
    );
  });
});
