import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects: fast unit tests run in parallel; integration tests (*.int.test.ts)
// start real sandboxes and processes and run one file at a time, so that
// "no process of this evaluation is left" checks see only their own processes.
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
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{src,examples,test}/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
