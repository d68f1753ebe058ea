/**
 * What a reviewer sees is what they sign (issue 10 item 4). A model's reply
 * (replayed from 127.0.0.1) hides a Unicode bidi override (U+202E) and an ANSI
 * "erase line" escape in the code, and a colour escape in its rationale. The
 * real `steward show` and `review` print them as visible tokens, never the raw
 * characters, and the proposal's signed content carries a review warning that
 * its content hash covers.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../../src/oversight/content-hash.ts";
import { fixture, type LlmServer, startLlmServer } from "../helpers/llm-server.ts";
import { BIN, copyExample, stewardDone } from "../helpers/run-cli.ts";

let dir: string;
let config: string;
let remove: () => void;
let server: LlmServer;

const ESC = "\x1b";
const RLO = "\u202e";

function steward(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, STEWARD_CONFIG_DIR: config },
  });
}

/** The recorded improvement, with a bidi override and an ANSI escape hidden in it. */
function hiddenReply() {
  const step = fixture("bin-packing-improve");
  const comment = "so its remaining capacity is the full capacity.";
  expect(step.reply).toContain(comment);
  return {
    ...step,
    reply: `${ESC}[31m${step.reply.replace(comment, `${comment} ${RLO}nimda ${ESC}[2K`)}`,
  };
}

beforeAll(async () => {
  server = await startLlmServer([hiddenReply()]);
  const copy = copyExample("bin-packing");
  dir = copy.dir;
  remove = copy.remove;
  config = fs.mkdtempSync(path.join(os.tmpdir(), "steward-review-output-config-"));
  // flag: the policy scan would otherwise block the candidate before it reaches review.
  fs.appendFileSync(path.join(dir, "steward.yaml"), "policy_scan: flag\n");
});

afterAll(async () => {
  await server?.close();
  remove?.();
  fs.rmSync(config, { recursive: true, force: true });
});

describe("review output", () => {
  it("shows hidden characters visibly and signs a warning about them", async () => {
    const run = await stewardDone(
      ["run", dir, "--model", `openai-compatible:replay@${server.url}`, "--max-evals", "2"],
      { STEWARD_CONFIG_DIR: config },
    );
    expect(run.status, run.stderr).toBe(0);
    const listed = steward("review", dir, "--all", "--json");
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(ESC);
    expect(listed.stdout).not.toContain(RLO);
    const proposals = JSON.parse(listed.stdout) as Array<{ id: number }>;
    expect(proposals.length).toBeGreaterThan(0);
    const id = String(proposals[0]?.id);

    const shown = steward("show", dir, id);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).not.toContain(ESC);
    expect(shown.stdout).not.toContain(RLO);
    expect(shown.stdout).toContain("full capacity. <U+202E>nimda \\x1b[2K");
    expect(shown.stdout).toMatch(/rationale: \\x1b\[31m/);
    expect(shown.stdout).toMatch(/review: the program contains Unicode bidi controls.*<U\+202E>/);
    expect(shown.stdout).toMatch(/review: the program contains control characters.*\\x1b/);

    const line = steward("review", dir, "--all");
    expect(line.stdout).not.toContain(ESC);
    expect(line.stdout).not.toContain(RLO);

    const json = steward("show", dir, id, "--json");
    expect(json.stdout).not.toContain(ESC);
    expect(json.stdout).not.toContain(RLO);
    const proposal = JSON.parse(json.stdout) as {
      contentHash: string;
      content: { diff: string; warnings: string[] };
    };
    // The JSON escapes parse back to the exact characters, and the content hash
    // approvals sign is over content that holds the review warnings.
    expect(proposal.content.diff).toContain(`${RLO}nimda ${ESC}[2K`);
    const review = proposal.content.warnings.filter((w) => w.startsWith("review:"));
    expect(review).toHaveLength(2);
    expect(contentHash(proposal.content)).toBe(proposal.contentHash);
    const unwarned = { ...proposal.content, warnings: [] };
    expect(contentHash(unwarned)).not.toBe(proposal.contentHash);
  }, 600_000);
});
