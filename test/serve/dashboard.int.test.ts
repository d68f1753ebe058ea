/// <reference lib="dom" />
/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core)
 * against the real `steward serve` command on a real store: with the printed
 * token the runs page opens and its evaluation counter follows the store live
 * (server-sent events); a proposal whose diff holds a bidi override shows it
 * as a marked token; approving it by typing the hash prefix signs it as the
 * reviewer, the page's deploy button then deploys it, and `steward audit
 * verify` and `steward audit log` show a sound ledger holding the approval and
 * the deploy. Two dashboards on one host keep their own sessions (one cookie
 * per port; with one shared name the second logs the first out). The report
 * file opens in the browser too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/serve/start-server.ts";
import { openProblemStore } from "../../src/store/problem-store.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { BIN, exited, stewardDone } from "../helpers/run-cli.ts";
import { waitUntil } from "../helpers/wait.ts";
import { makeReviewStore, okOutcome, REPORT_SECTION_IDS, RLO } from "./review-store.ts";

let root: string;
let config: string;
let review: ReturnType<typeof makeReviewStore>;
let server: ChildProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-dashboard-"));
  config = path.join(root, "config");
  process.env.STEWARD_CONFIG_DIR = config;
  review = makeReviewStore(root, config);
  server = spawn(process.execPath, [BIN, "serve", review.dir, "--as", "ada"], {
    env: { ...process.env, STEWARD_CONFIG_DIR: config },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  server.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  await waitUntil(() => /open (http:\S+)/.test(out), "steward serve to print its URL");
  url = (/open (http:\S+)/.exec(out) as RegExpExecArray)[1] as string;
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await exited(server);
  }
  delete process.env.STEWARD_CONFIG_DIR;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the dashboard in Chromium", () => {
  it("is refused without the token", async () => {
    const page = await browser.newPage();
    const res = await page.goto(url.replace(/\?token=.*/, "p/0"));
    expect(res?.status()).toBe(401);
    await page.close();
  });

  it("follows a run live, shows a bidi override escaped, approves by hash prefix, and the ledger verifies", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    expect(new URL(page.url()).search).toBe(""); // the token left the address bar
    const counter = page.locator('[data-live="run-1-evaluated"]');
    expect(await counter.textContent()).toBe("2");
    // One more acknowledged evaluation in the store: the page's counter follows.
    const store = openProblemStore(review.dir);
    try {
      const program = store.addProgram({ hash: "h3", code: "x", origin: "gp" }).program;
      const c = store.runs.addCandidate({
        runId: 1,
        programId: program.id,
        island: 0,
        parentId: 1,
        mutator: "gp",
        operator: "constant",
        generation: 1,
      });
      store.runs.recordEvaluation(c.id, okOutcome({ error: 1.5 }), { fitness: -1.5, features: {} });
    } finally {
      store.close();
    }
    // Functions, not strings: the page's CSP forbids evaluating strings.
    await page.waitForFunction(
      () => document.querySelector('[data-live="run-1-evaluated"]')?.textContent === "3",
      undefined,
      { timeout: 300_000 },
    );

    await page.goto(url.replace(/\?token=.*/, `p/0/proposals/${review.proposalId}`));
    const diff = await page.locator("pre.diff").innerText();
    expect(diff).not.toContain(RLO);
    expect(diff).toContain("<U+202E>nimda");
    // Highlighted on the server: the comment the candidate added is coloured as one.
    expect(await page.locator("pre.diff .add .hljs-comment").count()).toBeGreaterThan(0);
    expect(await page.locator("mark.hidden").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.scripts.length)).toBeLessThanOrEqual(1);

    await page.fill('input[name="hash"]', "00000000");
    await page.click('button[value="approve"]');
    await expect(page.locator(".result.failed").innerText()).resolves.toContain(
      "nothing was signed",
    );
    await page.fill('input[name="hash"]', review.hash.slice(0, 8));
    await page.fill('textarea[name="message"]', "reviewed in the browser");
    await page.click('button[value="approve"]');
    await expect(page.locator(".result.ok").innerText()).resolves.toContain(
      `approved proposal ${review.proposalId} as ada`,
    );
    // Now it has its approval: deploy it from the page.
    await page.click('button[value="deploy"]');
    await expect(page.locator(".result.ok").innerText()).resolves.toContain(
      `deployed proposal ${review.proposalId}`,
    );
    expect(fs.readFileSync(path.join(review.dir, "program.ts"), "utf8")).toContain("nimda");
    await page.close();

    const env = { STEWARD_CONFIG_DIR: config };
    const verify = await stewardDone(["audit", "verify", review.dir], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    const log = await stewardDone(["audit", "log", review.dir, "--kind", "approval"], env);
    expect(log.stdout).toMatch(/approval/);
    expect(log.stdout).toContain("ada");
    const deploys = await stewardDone(["audit", "log", review.dir, "--kind", "deploy"], env);
    expect(deploys.stdout).toMatch(/deploy/);
  }, 600_000);

  it("follows a real steward run: its row appears and its counter advances without a reload", async () => {
    // The review store's pin is made up: a person accepts the real files first, as they would.
    const accepted = await stewardDone(["charter", "accept", review.dir, "--as", "ada"], {
      STEWARD_CONFIG_DIR: config,
    });
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    const page = await browser.newPage();
    await page.goto(url);
    const run = spawn(process.execPath, [BIN, "run", review.dir, "--new", "--max-evals", "40"], {
      env: { ...process.env, STEWARD_CONFIG_DIR: config },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    run.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    try {
      // The page reloads by itself when the new run appears.
      await page.waitForFunction(
        () => document.querySelector('[data-live="run-2-evaluated"]') !== null,
        undefined,
        { timeout: 300_000 },
      );
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const first = Number(await page.locator('[data-live="run-2-evaluated"]').textContent());
      await page.waitForFunction(
        (before) =>
          (window as unknown as { notReloaded?: boolean }).notReloaded === true &&
          Number(document.querySelector('[data-live="run-2-evaluated"]')?.textContent) > before,
        first,
        { timeout: 300_000 },
      );
    } finally {
      expect(await exited(run), output).toBe(0);
      await page.close();
    }
  }, 660_000);

  it("keeps two dashboards on one host logged in: one session cookie per port", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const open = async (server: RunningServer) => (await page.goto(server.openUrl))?.status();
    const again = async (server: RunningServer) => (await page.goto(`${server.url}/p/0`))?.status();
    const [a, b] = [
      await startServer({ folders: [review.dir], host: "127.0.0.1", port: 0, as: null }),
      await startServer({ folders: [review.dir], host: "127.0.0.1", port: 0, as: null }),
    ];
    // The failure this prevents: with one cookie name, signing in to b logs a out
    // (browsers keep cookies per host, not per port).
    const [c, d] = [
      await startServer({
        folders: [review.dir],
        host: "127.0.0.1",
        port: 0,
        as: null,
        cookieName: "steward_token",
      }),
      await startServer({
        folders: [review.dir],
        host: "127.0.0.1",
        port: 0,
        as: null,
        cookieName: "steward_token",
      }),
    ];
    try {
      expect(await open(c)).toBe(200);
      expect(await open(d)).toBe(200);
      expect(await again(c)).toBe(401);
      expect(await open(a)).toBe(200);
      expect(await open(b)).toBe(200);
      expect(await again(a)).toBe(200);
      expect(await again(b)).toBe(200);
    } finally {
      await context.close();
      for (const server of [a, b, c, d]) await server.close();
    }
  }, 60_000);

  it("opens the static report as HTML with its sections", async () => {
    const file = path.join(root, "report.html");
    const made = await stewardDone(["report", review.dir, "--run", "1", "--out", file], {
      STEWARD_CONFIG_DIR: config,
    });
    expect(made.status, made.stderr).toBe(0);
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll("section[id]")].map((s) => s.id),
    );
    expect(ids).toEqual(REPORT_SECTION_IDS);
    expect(await page.locator("svg").count()).toBe(2);
    await page.close();
  }, 60_000);
});
