#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=20
/**
 * The `steward` command as installed (package.json "bin": dist/cli/bin.js, built
 * by `npm run build`, which `npm install` runs). Without a build,
 * bin/steward.mjs runs the same from the TypeScript sources through tsx.
 *
 * V8's young generation grows to 3 x 16 MB under an engine's steady allocation;
 * capped at 3 x 2 MB the engine needs about 60 MB less with no measurable
 * CPU cost. V8 also lets the old generation grow by up to 4x its live size
 * before a full collection; 1.2x keeps an engine that resumes 100,000 stored
 * programs at 216 MiB instead of 357, and one at 300 candidates at 122
 * instead of 185, at the same engine CPU per candidate (npm run bench:speed).
 * The flags ride in the first line, since V8 reads them only at start;
 * `node dist/cli/bin.js` runs without them.
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
