/**
 * `steward report` on a real store (a run of two evaluations, a champion and an
 * open proposal whose text carries `</script><script>` and a bidi override): the
 * HTML has every section, no script at all, nothing fetched from elsewhere and
 * no raw hidden character; the Markdown has the same sections and escapes too.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { makeReviewStore, REPORT_SECTION_IDS, RLO, SCRIPT } from "../serve/review-store.ts";

let root: string;
let dir: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-report-"));
  const config = path.join(root, "config");
  vi.stubEnv("STEWARD_CONFIG_DIR", config);
  dir = makeReviewStore(root, config).dir;
});

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

async function report(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["report", dir, ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTTY: false,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("steward report", () => {
  it("writes a self-contained HTML file with every section and nothing live in it", async () => {
    const file = path.join(root, "report.html");
    const { code, err } = await report("--out", file);
    expect(code, err).toBe(0);
    const text = fs.readFileSync(file, "utf8");
    for (const id of REPORT_SECTION_IDS) {
      expect(text).toContain(`<section id="${id}">`);
    }
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain("<svg");
    expect(text).toContain(`steward audit verify ${dir}`);
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/(src|href)="https?:/i);
    expect(text).not.toContain(SCRIPT);
    expect(text).not.toContain(RLO);
    expect(text).toContain("&lt;U+202E&gt;");
    // Balanced sections: a rough well-formedness check (the browser test parses it for real).
    expect(text.match(/<section/g)?.length).toBe(text.match(/<\/section>/g)?.length);
  });

  it("writes Markdown with the same sections, escaped", async () => {
    const { code, out } = await report("--format", "md");
    expect(code).toBe(0);
    for (const h of [
      "## Problem",
      "## Charter hashes",
      "## Progress",
      "## Champion history",
      "## Proposals",
      "## Best program against the seed",
      "## LLM spend",
      "## Ledger",
    ]) {
      expect(out).toContain(h);
    }
    expect(out).not.toContain(RLO);
    // Code (diffs) sits in fences, where Markdown shows it as text; nowhere else is raw HTML.
    const outside = out.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "");
    expect(out).toContain("</script><script>alert(1)");
    expect(outside).not.toContain("<script>");
    expect(outside).toContain("&lt;/script&gt;");
  });

  it("names the runs there are when asked for one that is not", async () => {
    const { code, err } = await report("--run", "9");
    expect(code).toBe(1);
    expect(err).toContain("there is no run 9; runs: 1");
  });
});
