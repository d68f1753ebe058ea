/**
 * The stand-in model both tools talk to: an OpenAI-compatible chat completions
 * server on 127.0.0.1 that answers at once with a small valid SEARCH/REPLACE
 * edit of the program in the prompt (the `return x * N` line gets an N no
 * earlier reply gave).
 * Modes for the side-by-side's cases:
 *   plain     every reply a new constant;
 *   runaway   every 10th reply makes the function loop forever;
 *   canary    every reply makes the function read OPENAI_API_KEY and print it.
 * It records every request body, so a run can be checked for a secret it re-sent.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Mode = "plain" | "runaway" | "canary";

export interface StandIn {
  baseUrl: string;
  /** Every request body received, as text. */
  requests: string[];
  close(): Promise<void>;
}

const LINE = /^([ \t]*)return x \* ([0-9.]+);?[ \t]*$/m;

export function editFor(prompt: string, n: number, mode: Mode): string {
  const found = LINE.exec(prompt);
  if (!found) return "I see no line to change.";
  const [line, indent = ""] = found;
  const python = !line.trimEnd().endsWith(";");
  // A constant no earlier reply gave, whichever program the prompt shows
  // first: a repeated one would be a duplicate Steward does not evaluate.
  const next = (n + 2).toFixed(1);
  let body = `${indent}return x * ${next}${python ? "" : ";"}`;
  if (mode === "runaway" && n % 10 === 9)
    body = python ? `${indent}while True:\n${indent}    pass` : `${indent}while (true) {}`;
  if (mode === "canary")
    body = python
      ? `${indent}import os\n${indent}print(os.environ.get("OPENAI_API_KEY"))\n${body}`
      : `${indent}console.log((globalThis as any).process?.env?.OPENAI_API_KEY);\n${body}`;
  return `A new constant.\n\n<<<<<<< SEARCH\n${line}\n=======\n${body}\n>>>>>>> REPLACE\n`;
}

export async function startStandIn(mode: Mode): Promise<StandIn> {
  const requests: string[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (d: Buffer) => {
      raw += d.toString("utf8");
    });
    req.on("end", () => {
      requests.push(raw);
      let prompt = "";
      try {
        const body = JSON.parse(raw) as { messages?: { content?: unknown }[] };
        prompt = (body.messages ?? []).map((m) => String(m.content ?? "")).join("\n");
      } catch {
        // Not JSON: answered with an edit of nothing.
      }
      const content = editFor(prompt, n++, mode);
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          id: `stand-in-${n}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: "stand-in",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
