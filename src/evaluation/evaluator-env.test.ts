import { describe, expect, it } from "vitest";
import { evaluatorEnv } from "./evaluator-env.ts";

describe("evaluatorEnv", () => {
  it("passes an allowlist and never a key, token or secret", () => {
    const env = evaluatorEnv({
      PATH: "/usr/bin",
      LANG: "C.UTF-8",
      OPENAI_API_KEY: "sk-1",
      ANTHROPIC_API_KEY: "sk-2",
      GITHUB_TOKEN: "ghp",
      AWS_SECRET_ACCESS_KEY: "x",
      NODE_OPTIONS: "--require /tmp/evil.js",
      HOME: "/root",
    });
    expect(env).toEqual({ PATH: "/usr/bin", LANG: "C.UTF-8" });
  });
});
