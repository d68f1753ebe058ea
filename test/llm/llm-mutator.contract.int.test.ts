/** The LLM mutator through the Mutator contract suite, against recorded replies on 127.0.0.1. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { createModelClient } from "../../src/llm/ai-sdk-client.ts";
import { SpendBudget } from "../../src/llm/spend-budget.ts";
import { describeMutatorContract } from "../../src/mutate/contract/mutator-contract.test-kit.ts";
import { createLlmMutator } from "../../src/mutate/llm/llm-mutator.ts";
import { loadTemplates } from "../../src/mutate/llm/templates.ts";
import { fixture, type LlmServer, startLlmServer } from "../helpers/llm-server.ts";

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
  // The same recorded improvement, answered to every call.
  server.script({ ...fixture("bin-packing-improve"), repeat: Number.POSITIVE_INFINITY });
});
afterAll(() => server.close());

describeMutatorContract(
  "llm (openai-compatible, replayed)",
  () => {
    const model = `openai:gpt-4.1-mini@${server.url}`;
    return createLlmMutator({
      client: createModelClient({ spec: model, env: { OPENAI_API_KEY: "sk-test" } }),
      config: { model, weight: 1, temperature: 0.8, maxTokens: 2000, timeoutMs: 120_000 },
      budget: new SpendBudget({ maxUsd: null, maxTokens: null }),
      callLog: { record: () => {} },
      templates: loadTemplates(),
      retry: { maxAttempts: 2, baseDelayMs: 10 },
    });
  },
  {
    programs: [
      {
        language: "typescript",
        code: readFileSync(
          new URL("../../examples/bin-packing/program.ts", import.meta.url),
          "utf8",
        ),
        name: "bin packing",
      },
    ],
    requests: 3,
  },
);
