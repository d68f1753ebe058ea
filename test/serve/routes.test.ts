/**
 * The dashboard's routes through Hono's app.request(), on a real store and a
 * real approver key: no token, no page; a wrong CSRF token or a cross-site
 * request signs nothing; candidate-controlled text (`</script><script>`, a bidi
 * override) is shown inert; an approval through the page is ledgered as the
 * CLI ledgers it, and the ledger and store still verify.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyLedger } from "../../src/ledger/verify-ledger.ts";
import { verifyStore } from "../../src/oversight/verify-store.ts";
import { createServeApp } from "../../src/serve/app.ts";
import { csrfToken } from "../../src/serve/auth.ts";
import { ServedProblem } from "../../src/serve/served-problem.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { makeReviewStore, RLO, SCRIPT } from "./review-store.ts";

const TOKEN = "test-token-0123456789abcdef";
const COOKIE = `steward_token=${TOKEN}`;
let root: string;
let review: ReturnType<typeof makeReviewStore>;
let served: ServedProblem;
let app: ReturnType<typeof createServeApp>;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-serve-routes-"));
  const config = path.join(root, "config");
  vi.stubEnv("STEWARD_CONFIG_DIR", config);
  review = makeReviewStore(root, config);
  served = new ServedProblem(0, review.dir);
  app = createServeApp({
    problems: [served],
    token: TOKEN,
    cookieName: "steward_token",
    allowedHosts: ["localhost"],
    as: "ada",
  });
});

afterAll(() => {
  served?.close();
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = { cookie: COOKIE }) =>
  app.request(url, { headers });

function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: COOKIE, "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

describe("steward serve routes", () => {
  it("answers 401 without the token, on every kind of route", async () => {
    for (const url of ["/", "/p/0", "/p/0/proposals/1", "/p/0/ledger", "/p/0/events"]) {
      expect((await get(url, {})).status, url).toBe(401);
    }
    expect((await get("/p/0", { cookie: "steward_token=wrong" })).status).toBe(401);
    expect((await post("/p/0/ledger/verify", {}, { cookie: "" })).status).toBe(401);
  });

  it("turns the token in the URL into an HttpOnly SameSite=Strict cookie and drops it from the URL", async () => {
    const res = await get(`/p/0?token=${TOKEN}`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/p/0");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`steward_token=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const page = await get("/p/0");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("refuses a request naming another host (DNS rebinding)", async () => {
    const res = await app.request("http://evil.example/p/0", { headers: { cookie: COOKIE } });
    expect(res.status).toBe(403);
  });

  it("shows candidate-controlled text inert: no raw script tag, no raw bidi override", async () => {
    const res = await get(`/p/0/proposals/${review.proposalId}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(SCRIPT);
    expect(body).not.toContain("<script>alert");
    expect(body).not.toContain(RLO);
    expect(body).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain(
      '<mark class="hidden" title="a hidden or control character, shown as a token">&lt;U+202E&gt;</mark>nimda',
    );
    expect(body).toContain(`m&lt;/script&gt;`); // the metric name
    // The only script element is the page's own, with a nonce.
    expect(body.match(/<script/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(body).toContain(review.hash);
  });

  it("signs nothing with a wrong CSRF token, from another origin, or with a wrong hash prefix", async () => {
    const url = `/p/0/proposals/${review.proposalId}/verdict`;
    const good = { verdict: "approve", hash: review.hash.slice(0, 8), csrf: csrfToken(TOKEN) };
    expect((await post(url, { ...good, csrf: "nope" })).status).toBe(403);
    expect((await post(url, { verdict: "approve", hash: good.hash })).status).toBe(403);
    expect((await post(url, good, { origin: "http://evil.example" })).status).toBe(403);
    expect((await post(url, good, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const wrongHash = await post(url, { ...good, hash: "00000000" });
    expect(wrongHash.status).toBe(409);
    expect(await wrongHash.text()).toContain("nothing was signed");
    const store = openProblemStore(review.dir);
    try {
      expect(store.oversight.verdicts(review.proposalId)).toEqual([]);
    } finally {
      store.close();
    }
  });

  it("approves through the page: a signed verdict in the store and the ledger, which still verify", async () => {
    const url = `/p/0/proposals/${review.proposalId}/verdict`;
    const res = await post(url, {
      verdict: "approve",
      hash: review.hash.slice(0, 8).toUpperCase(),
      message: "looks right",
      csrf: csrfToken(TOKEN),
    });
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect(body).toContain(`approved proposal ${review.proposalId} as ada`);
    const store = openProblemStore(review.dir);
    try {
      const [verdict] = store.oversight.verdicts(review.proposalId);
      expect(verdict).toMatchObject({
        verdict: "approve",
        approver: "ada",
        contentHash: review.hash,
      });
      const approval = store.ledger.list().filter((r) => r.kind === "approval");
      expect(approval).toHaveLength(1);
      expect(approval[0]?.body).toContain(verdict?.signature);
      expect(verifyLedger(store, review.dir).ok).toBe(true);
      expect(verifyStore(store).ok).toBe(true);
    } finally {
      store.close();
    }
    const verify = await post("/p/0/ledger/verify", { csrf: csrfToken(TOKEN) });
    expect(await verify.text()).toContain('data-verify="ok"');
  });

  it("renders the runs, proposals, program and ledger pages", async () => {
    for (const url of ["/p/0", "/p/0/proposals", "/p/0/programs/2", "/p/0/ledger"]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).not.toContain(RLO);
    }
  });
});
