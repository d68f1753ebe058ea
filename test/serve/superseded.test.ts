/**
 * Superseded proposals on both review surfaces, on a real store and key: with a
 * newer, better proposal against the same champion, `steward review` and the
 * dashboard's queue list the older one only on request, and a verdict on it
 * (CLI or page) is refused unless the reviewer says they mean that one.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { createServeApp } from "../../src/serve/app.ts";
import { csrfToken } from "../../src/serve/auth.ts";
import { ServedProblem } from "../../src/serve/served-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { addBetterProposal, makeReviewStore } from "./review-store.ts";

const TOKEN = "superseded-token-0123456789";
let root: string;
let dir: string;
let older: number;
let newer: number;
let served: ServedProblem;
let app: ReturnType<typeof createServeApp>;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-superseded-"));
  const config = path.join(root, "config");
  vi.stubEnv("STEWARD_CONFIG_DIR", config);
  const review = makeReviewStore(root, config);
  dir = review.dir;
  older = review.proposalId;
  newer = addBetterProposal(dir).proposalId;
  served = new ServedProblem(0, dir);
  app = createServeApp({
    problems: [served],
    token: TOKEN,
    cookieName: "c",
    allowedHosts: [],
    as: "ada",
  });
});

afterAll(() => {
  served?.close();
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

async function steward(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTTY: false,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe("superseded proposals", () => {
  it("steward review lists only the newer one, and the older one with --include-superseded", async () => {
    const plain = await steward("review", dir);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain(`#${newer} open`);
    expect(plain.out).not.toContain(`#${older} `);
    expect(plain.out).toContain("1 superseded proposal(s) not listed");
    const all = await steward("review", dir, "--include-superseded");
    expect(all.out).toContain(`#${older} superseded by #${newer}`);
    expect(all.out).toContain(`#${newer} open`);
  });

  it("the dashboard queue puts it under 'superseded' and its page says by which", async () => {
    const list = await (await app.request("/p/0/proposals", { headers: auth })).text();
    const [waiting, rest] = list.split('<details class="superseded">');
    expect(waiting).toContain(`data-proposal="${newer}"`);
    expect(waiting).not.toContain(`data-proposal="${older}"`);
    expect(rest).toContain(`data-proposal="${older}"`);
    const page = await (await app.request(`/p/0/proposals/${older}`, { headers: auth })).text();
    expect(page).toContain(`data-superseded-by="${newer}"`);
    expect(page).toContain('name="include_superseded"');
  });

  it("refuses a verdict on it unless the reviewer says they mean it (page and CLI)", async () => {
    const verdict = (fields: Record<string, string>) =>
      app.request(`/p/0/proposals/${older}/verdict`, {
        method: "POST",
        body: new URLSearchParams({ csrf: csrfToken(TOKEN), verdict: "approve", ...fields }),
        headers: { ...auth, "content-type": "application/x-www-form-urlencoded" },
      });
    const store = openProblemStore(dir);
    const hash = store.oversight.getProposal(older)?.contentHash as string;
    store.close();
    const refused = await verdict({ hash: hash.slice(0, 8) });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`superseded by proposal ${newer}`);
    const cli = await steward("reject", dir, String(older), "--as", "ada", "-m", "old");
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain("--include-superseded");
    const check = openProblemStore(dir);
    expect(check.oversight.verdicts(older)).toEqual([]);
    check.close();

    const meant = await verdict({ hash: hash.slice(0, 8), include_superseded: "yes" });
    expect(meant.status).toBe(200);
    expect(await meant.text()).toContain(`approved proposal ${older} as ada`);
    // With a verdict it is under review, no longer superseded.
    const listed = await steward("review", dir);
    expect(listed.out).toContain(`#${older} open`);
  });
});
