#!/usr/bin/env node
/**
 * The `steward` command as installed (package.json "bin": dist/cli/bin.js, built
 * by `npm run build`, which `npm install` runs). Without a build,
 * bin/steward.mjs runs the same from the TypeScript sources through tsx.
 */
import { main } from "./main.ts";

// A reader that went away (`steward audit log | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
