/**
 * Debian's Chromium (installed by .ci/run; never a downloaded browser) through
 * playwright-core, headless, with nothing that reaches the network on its own.
 * Used by the dashboard's browser tests and `npm run docs:screenshots`.
 */
import { type Browser, chromium } from "playwright-core";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
