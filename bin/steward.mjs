#!/usr/bin/env node
// `steward` straight from the TypeScript sources through tsx, for working on
// Steward without rebuilding. The installed command is the compiled
// dist/cli/bin.js (package.json "bin"; `npm run build`).
import "../src/evaluation/host/loader/register.mjs";

// Imported once tsx is registered: a static import would be loaded before it.
await import("../src/cli/bin.ts");
