/**
 * The README's pictures of the dashboard and the report, made by a real run:
 * a copy of the "blank" template with an approver key, `steward run` with the
 * offline gp mutator, `steward serve --as ada` and `steward report`, opened in
 * Debian's Chromium (playwright-core, never a downloaded browser). Writes
 * docs/dashboard-runs.png, docs/dashboard-proposal.png, docs/dashboard-population.png
 * and docs/report.png.
 *   npm run docs:screenshots [-- --evals N]     (default 120 evaluations)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { main } from "../src/cli/main.ts";
import { createApproverKey } from "../src/oversight/keys.ts";
import { startServer } from "../src/serve/start-server.ts";
import { openProblemStore } from "../src/store/problem-store.ts";
import { launchChromium } from "../test/helpers/chromium.ts";

const DOCS = new URL("../docs/", import.meta.url).pathname;
const evalsFlag = process.argv.indexOf("--evals");
const evals = evalsFlag > 0 ? Number(process.argv[evalsFlag + 1]) : 120;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-screenshots-"));
const config = path.join(root, "config");
process.env.STEWARD_CONFIG_DIR = config;

async function steward(...args: string[]): Promise<void> {
  const err: string[] = [];
  const code = await main(args, { out: () => {}, err: (t) => err.push(t), isTTY: false });
  if (code !== 0) throw new Error(`steward ${args.join(" ")} exited ${code}: ${err.join("\n")}`);
}

async function shot(page: Page, url: string, file: string, fullPage = true): Promise<void> {
  await page.goto(url);
  await page.screenshot({ path: path.join(DOCS, file), fullPage });
  console.log(`wrote docs/${file}`);
}

try {
  const dir = path.join(root, "erf");
  await steward("init", dir, "--template", "blank");
  const ada = createApproverKey("ada", { configDir: config });
  fs.appendFileSync(
    path.join(dir, "steward.yaml"),
    `approvals:\n  required: 1\n  approvers:\n    - { name: ada, key: "${ada.publicKey}" }\n`,
  );
  console.log(`running ${evals} evaluations of ${dir} (gp mutator, offline)...`);
  await steward("run", dir, "--max-evals", String(evals));
  const store = openProblemStore(dir);
  const proposal = store.oversight.listProposals("open").at(-1);
  store.close();

  fs.mkdirSync(DOCS, { recursive: true });
  const server = await startServer({ folders: [dir], host: "127.0.0.1", port: 0, as: "ada" });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(server.openUrl); // the token becomes the session cookie
    await shot(page, `${server.url}/p/0`, "dashboard-runs.png");
    await shot(page, `${server.url}/p/0/runs/1/population`, "dashboard-population.png");
    if (proposal) {
      await shot(page, `${server.url}/p/0/proposals/${proposal.id}`, "dashboard-proposal.png");
    } else console.log("no open proposal after the run: docs/dashboard-proposal.png not made");
    const report = path.join(root, "report.html");
    await steward("report", dir, "--out", report);
    await page.setViewportSize({ width: 1100, height: 1500 });
    await shot(page, `file://${report}`, "report.png", false); // its first screen: the file is long
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
