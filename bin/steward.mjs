#!/usr/bin/env node
// The `steward` command: TypeScript sources run through tsx, no build step.
import "../src/evaluation/loader/register.mjs";

const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
