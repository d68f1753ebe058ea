import { describe, expect, it } from "vitest";
import { evaluatorEnv } from "./evaluator-env.ts";

describe("evaluatorEnv", () => {
  it("is a fixed environment: no key, token or secret, nothing of the engine's", () => {
    const env = evaluatorEnv("/tmp/steward-evaluator-x", "/tmp/steward-runtime-y", {
      PATH: "/home/me/bin:/usr/bin",
      LANG: "de_DE.UTF-8",
      OPENAI_API_KEY: "sk-1",
      ANTHROPIC_API_KEY: "sk-2",
      GITHUB_TOKEN: "ghp",
      AWS_SECRET_ACCESS_KEY: "x",
      NODE_OPTIONS: "--require /tmp/evil.js",
      STEWARD_CONFIG_DIR: "/root/.config/steward",
      HOME: "/root",
    });
    expect(env).toEqual({
      PATH: "/usr/local/bin:/usr/bin:/bin",
      HOME: "/tmp/steward-evaluator-x",
      TMPDIR: "/tmp/steward-evaluator-x",
      LANG: "C.UTF-8",
      STEWARD_RUNTIME_DIR: "/tmp/steward-runtime-y",
    });
  });
});
