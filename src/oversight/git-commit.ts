/**
 * Commits a deployed file with git: only that file is staged and committed, and
 * the approvers go into `Approved-by: NAME <ed25519:...>` trailers. Git runs
 * without a shell; when the repository has no identity, a Steward one is used
 * for this commit only.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describeError, StewardError } from "../errors.ts";
import type { ApprovedBy } from "./approval-policy.ts";

export interface CommitRequest {
  file: string;
  message: string;
  approvers: readonly ApprovedBy[];
}

const FALLBACK_IDENTITY = ["-c", "user.name=Steward", "-c", "user.email=steward@localhost"];

/** Commits `file` and returns the new commit's hash. */
export function commitDeploy(request: CommitRequest): string {
  const dir = realFolder(path.dirname(path.resolve(request.file)));
  const root = repoRoot(dir);
  const relative = path.relative(root, path.join(dir, path.basename(request.file)));
  const identity = hasIdentity(root) ? [] : FALLBACK_IDENTITY;
  git(root, "add", ["add", "--", relative]);
  git(root, "commit", [
    ...identity,
    "commit",
    "--allow-empty",
    // Keep "#" lines; only tidy blank lines and trailing spaces.
    "--cleanup=whitespace",
    "--message",
    commitMessage(request),
    "--only",
    "--",
    relative,
  ]);
  return git(root, "rev-parse", ["rev-parse", "HEAD"]).trim();
}

/**
 * The message with the trailers as its own last paragraph, so git reads exactly
 * them as the trailers even when the message's own last lines look like "key: value".
 */
export function commitMessage(request: Omit<CommitRequest, "file">): string {
  const oneLine = (text: string) => text.replace(/[\p{Cc}<>\s]+/gu, " ").trim();
  const trailers = request.approvers.map(
    (a) => `Approved-by: ${oneLine(a.name)} <${oneLine(a.publicKey)}>`,
  );
  const message = request.message.trimEnd();
  return trailers.length === 0 ? message : `${message}\n\n${trailers.join("\n")}\n`;
}

function realFolder(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch (error) {
    throw new StewardError("io", `cannot commit: ${describeError(error)}`, { cause: error });
  }
}

function repoRoot(dir: string): string {
  try {
    return runGit(dir, ["rev-parse", "--show-toplevel"]).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new StewardError(
        "io",
        `git is not installed (or not on PATH), but the charter asks to commit deploys: install git, or set deploy.git: false in steward.yaml`,
        { cause: error },
      );
    }
    throw new StewardError(
      "io",
      `${dir} is not inside a git repository, but the charter asks to commit deploys: run "git init" there, or set deploy.git: false in steward.yaml`,
      { cause: error },
    );
  }
}

function hasIdentity(root: string): boolean {
  try {
    runGit(root, ["config", "user.name"]);
    runGit(root, ["config", "user.email"]);
    return true;
  } catch {
    return false;
  }
}

function git(root: string, what: string, args: string[]): string {
  try {
    return runGit(root, args);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new StewardError(
      "io",
      `git ${what} failed in ${root}: ${stderr || describeError(error)}; the file was written, so fix the repository and commit it by hand`,
      { cause: error },
    );
  }
}

function runGit(cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_LITERAL_PATHSPECS: "1" },
  });
}
