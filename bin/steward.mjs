#!/usr/bin/env node
// `steward` straight from the TypeScript sources through tsx, for working on
// Steward without rebuilding. The installed command is the compiled
// dist/cli/bin.js (package.json "bin"; `npm run build`).
import "../src/evaluation/host/loader/register.mjs";
await import("../src/cli/bin.ts");
