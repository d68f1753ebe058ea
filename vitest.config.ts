import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects: fast unit tests, and integration tests (*.int.test.ts) that start
// real sandboxes and processes. Integration files run two at a time: each worker
// draws its candidates' throwaway uids from a range of its own
// (test/setup/sandbox-uids.ts), so "no sandbox process is left" checks see only
// their own processes, and no test may depend on having the machine to itself.
export default defineConfig({
  // Problem folders import the public API as "steward" (examples have their own
  // package.json, so the package's self-reference does not reach them).
  resolve: { alias: { steward: fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{src,examples,test}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          // An outer limit only: a few unit tests start a process or a transpiler,
          // which vitest's 5 s default does not allow for on a busy machine.
          testTimeout: 60_000,
          // Unit tests first; vitest needs distinct groups for projects with different maxWorkers.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{src,examples,test}/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          setupFiles: ["test/setup/sandbox-uids.ts"],
          // They run the compiled command: dist/ is built first if it is stale.
          globalSetup: ["test/setup/build-dist.ts"],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          // Outer limits: a test waits for what it observes, never for a time.
          // Generous, because they only bound a hang: a loaded 2-core machine
          // (a CPU hog on each core and other sessions' tests) made a 40-second
          // kill -9 test take over 4 minutes.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
