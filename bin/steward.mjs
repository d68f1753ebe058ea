#!/usr/bin/env node
// The `steward` command: TypeScript sources run through tsx, no build step.
import "../src/evaluation/host/loader/register.mjs";

// A reader that went away (`steward audit log | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
