/**
 * The dashboard's routes through Hono's app.request(), on a real store and a
 * real approver key: no token, no page; a wrong CSRF token or a cross-site
 * request signs nothing; candidate-controlled text (`</script><script>`, a bidi
 * override) is shown inert; an approval through the page is ledgered as the
 * CLI ledgers it, and the ledger and store still verify; a deploy from the
 * page needs the content hash the page showed and refuses bytes edited in the
 * store behind the approval (while showing the store would have served them).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
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

  it("deploys from the page only the content hash the page showed, as steward deploy does", async () => {
    const url = `/p/0/proposals/${review.proposalId}/deploy`;
    const target = path.join(review.dir, "program.ts");
    const before = fs.readFileSync(target, "utf8");
    const page = await (await get(`/p/0/proposals/${review.proposalId}`)).text();
    expect(page).toContain(`action="/p/0/proposals/${review.proposalId}/deploy"`);
    expect(page).toContain(`name="contentHash" value="${review.hash}"`);
    // Refused: no CSRF token; a hash other than the proposal's (a page showing other content).
    expect((await post(url, { contentHash: review.hash })).status).toBe(403);
    const stale = await post(url, { contentHash: "f".repeat(64), csrf: csrfToken(TOKEN) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("nothing was deployed");
    expect(fs.readFileSync(target, "utf8")).toBe(before);
    // The same request with the hash the page showed deploys: the refusals above were the checks.
    const res = await post(url, { contentHash: review.hash, csrf: csrfToken(TOKEN) });
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect(body).toContain(`deployed proposal ${review.proposalId}`);
    const store = openProblemStore(review.dir);
    try {
      const proposal = store.oversight.getProposal(review.proposalId);
      expect(proposal?.status).toBe("deployed");
      expect(fs.readFileSync(target, "utf8")).toBe(
        store.getProgram(proposal?.programId ?? 0)?.code,
      );
      const deploy = store.ledger.list().filter((r) => r.kind === "deploy");
      expect(deploy).toHaveLength(1);
      expect(deploy[0]?.body).toContain(review.hash);
      expect(verifyLedger(store, review.dir).ok).toBe(true);
      expect(verifyStore(store).ok).toBe(true);
    } finally {
      store.close();
    }
  });

  it("shows the weakest sandbox level the run used beside the charter's demand", async () => {
    const body = await (await get("/p/0")).text();
    expect(body).toContain('data-sandbox="process"');
    expect(body).toContain('<span class="status blocked">process</span>');
    expect(body).toContain("charter: any");
  });

  it("renders the runs, proposals, program and ledger pages", async () => {
    for (const url of ["/p/0", "/p/0/proposals", "/p/0/programs/2", "/p/0/ledger"]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).not.toContain(RLO);
    }
  });
});

describe("deploying from the page after the store was edited behind the approvals", () => {
  it("writes nothing: the bytes in the store are not the bytes the approval signed", async () => {
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), "steward-serve-tamper-"));
    const config = path.join(dir2, "config");
    vi.stubEnv("STEWARD_CONFIG_DIR", config);
    const second = makeReviewStore(dir2, config);
    const servedTwo = new ServedProblem(0, second.dir);
    const appTwo = createServeApp({
      problems: [servedTwo],
      token: TOKEN,
      cookieName: "steward_token",
      allowedHosts: [],
      as: "ada",
    });
    const send = (url: string, fields: Record<string, string>) =>
      appTwo.request(url, {
        method: "POST",
        body: new URLSearchParams({ ...fields, csrf: csrfToken(TOKEN) }),
        headers: { cookie: COOKIE, "content-type": "application/x-www-form-urlencoded" },
      });
    try {
      const approved = await send(`/p/0/proposals/${second.proposalId}/verdict`, {
        verdict: "approve",
        hash: second.hash.slice(0, 8),
      });
      expect(approved.status).toBe(200);
      const target = path.join(second.dir, "program.ts");
      const before = fs.readFileSync(target, "utf8");
      // The attack: the program's bytes edited in the store after the approval.
      const evil = "export function f(x: number): number { return 0; } // not what ada read\n";
      const store = openProblemStore(second.dir);
      const programId = store.oversight.getProposal(second.proposalId)?.programId as number;
      store.close();
      const db = new Database(path.join(second.dir, ".steward", "steward.db"));
      db.prepare("UPDATE programs SET code = ? WHERE id = ?").run(evil, programId);
      db.close();
      // Without the check the deploy would write exactly these bytes: the store now serves them.
      const check = openProblemStore(second.dir);
      expect(check.getProgram(programId)?.code).toBe(evil);
      check.close();
      const res = await send(`/p/0/proposals/${second.proposalId}/deploy`, {
        contentHash: second.hash,
      });
      const body = await res.text();
      expect(res.status).toBe(409);
      expect(body).toContain("Nothing was written");
      expect(body).toContain(`program ${programId} (its candidate) was edited`);
      expect(fs.readFileSync(target, "utf8")).toBe(before);
    } finally {
      servedTwo.close();
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });
});
