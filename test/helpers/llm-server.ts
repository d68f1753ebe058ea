/**
 * A model provider on 127.0.0.1 for tests: it speaks OpenAI chat completions
 * (POST /v1/chat/completions) and Anthropic messages (POST /v1/messages), as JSON
 * or as server-sent events when the request says `stream: true`, and answers
 * from a script of steps: recorded replies (test/fixtures/llm/*.json), HTTP
 * errors, slow replies, replies cut off mid-body. It records every request so a
 * test can check the prompts and that no secret was sent.
 *
 * Steps are used in order; a step with `when` waits for a request it matches,
 * and `repeat` (default 1, Infinity for "forever") answers that many requests.
 * A request with no step left gets HTTP 500 "no scripted reply".
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export type Api = "openai" | "anthropic";

export interface RecordedRequest {
  api: Api;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body. */
  body: Record<string, unknown>;
  /** The raw body, to search for secrets. */
  raw: string;
  stream: boolean;
  model: string;
  /** The system prompt, and the user messages joined by blank lines. */
  system: string;
  prompt: string;
}

interface StepBase {
  when?: (request: RecordedRequest) => boolean;
  repeat?: number;
}

export interface ReplyStep extends StepBase {
  reply: string;
  usage?: { input: number; output: number };
  finish?: "stop" | "length";
  /** Wait this long before answering (a reply slower than the client's timeout). */
  delayMs?: number;
  /** Send part of the reply, then drop the connection. */
  cut?: boolean;
}

export interface ErrorStep extends StepBase {
  status: number;
  message?: string;
  headers?: Record<string, string>;
}

export type Step = ReplyStep | ErrorStep;

export interface LlmServer {
  /** The base URL to put after "@" in a model spec, e.g. "http://127.0.0.1:PORT/v1". */
  url: string;
  requests: RecordedRequest[];
  /** Adds steps to the end of the script. */
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

const FIXTURES = fileURLToPath(new URL("../fixtures/llm/", import.meta.url));

/** A recorded reply from test/fixtures/llm/NAME.json. */
export function fixture(name: string, extra: Partial<ReplyStep> = {}): ReplyStep {
  const data = JSON.parse(readFileSync(`${FIXTURES}${name}.json`, "utf8")) as ReplyStep;
  return {
    reply: data.reply,
    ...(data.usage ? { usage: data.usage } : {}),
    ...(data.finish ? { finish: data.finish } : {}),
    ...extra,
  };
}

export async function startLlmServer(steps: Step[] = []): Promise<LlmServer> {
  const queue: { step: Step; left: number }[] = [];
  const requests: RecordedRequest[] = [];
  const script = (...more: Step[]) => {
    for (const step of more) queue.push({ step, left: step.repeat ?? 1 });
  };
  script(...steps);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = record(req, Buffer.concat(chunks).toString("utf8"));
      if (!request) return void res.writeHead(404).end();
      requests.push(request);
      const index = queue.findIndex((q) => !q.step.when || q.step.when(request));
      const entry = queue[index];
      if (!entry)
        return void sendError(res, request.api, { status: 500, message: "no scripted reply" });
      if (--entry.left <= 0) queue.splice(index, 1);
      answer(res, request, entry.step);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function record(req: http.IncomingMessage, raw: string): RecordedRequest | null {
  const path = req.url ?? "";
  const api: Api | null = path.endsWith("/chat/completions")
    ? "openai"
    : path.endsWith("/messages")
      ? "anthropic"
      : null;
  if (req.method !== "POST" || !api) return null;
  const body = JSON.parse(raw) as Record<string, unknown>;
  const messages = (body.messages ?? []) as { role: string; content: unknown }[];
  const system = [
    ...(api === "anthropic" ? [textOf(body.system)] : []),
    ...messages.filter((m) => m.role === "system").map((m) => textOf(m.content)),
  ].join("\n\n");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
  }
  return {
    api,
    path,
    headers,
    body,
    raw,
    stream: body.stream === true,
    model: String(body.model),
    system,
    prompt: messages
      .filter((m) => m.role === "user")
      .map((m) => textOf(m.content))
      .join("\n\n"),
  };
}

/** A message's text: a string, or the text parts of a content array. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { text?: unknown }) => (typeof part.text === "string" ? part.text : ""))
    .join("");
}

function answer(res: http.ServerResponse, request: RecordedRequest, step: Step): void {
  if ("status" in step) {
    sendError(res, request.api, step);
    return;
  }
  const send = () =>
    request.stream ? sendStream(res, request, step) : sendJson(res, request, step);
  if (step.delayMs) setTimeout(send, step.delayMs);
  else send();
}

function sendJson(res: http.ServerResponse, request: RecordedRequest, step: ReplyStep): void {
  const body = JSON.stringify(
    request.api === "openai" ? openAiJson(request, step) : anthropicJson(request, step),
  );
  res.writeHead(200, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  if (!step.cut) return void res.end(body);
  res.write(body.slice(0, Math.floor(body.length / 2)));
  setTimeout(() => res.socket?.destroy(), 20);
}

function sendStream(res: http.ServerResponse, request: RecordedRequest, step: ReplyStep): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const events =
    request.api === "openai" ? openAiChunks(request, step) : anthropicEvents(request, step);
  const sent = step.cut ? events.slice(0, Math.ceil(events.length / 2)) : events;
  for (const event of sent) res.write(event);
  if (step.cut) setTimeout(() => res.socket?.destroy(), 20);
  else res.end();
}

function sendError(res: http.ServerResponse, api: Api, step: ErrorStep): void {
  const message = step.message ?? `scripted HTTP ${step.status}`;
  const type =
    step.status === 429
      ? "rate_limit_error"
      : step.status >= 500
        ? "api_error"
        : "invalid_request_error";
  const body =
    api === "openai"
      ? { error: { message, type, code: null, param: null } }
      : { type: "error", error: { type, message } };
  res.writeHead(step.status, { "content-type": "application/json", ...step.headers });
  res.end(JSON.stringify(body));
}

// The wire formats: what the providers send back, as JSON and as SSE events.

function usageOf(request: RecordedRequest, step: ReplyStep) {
  return (
    step.usage ?? {
      input: Math.ceil(request.raw.length / 4),
      output: Math.ceil(step.reply.length / 4),
    }
  );
}

/** The reply in three pieces, as a stream would deliver it. */
function pieces(text: string): string[] {
  const third = Math.ceil(text.length / 3);
  return [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)].filter(
    (p) => p !== "",
  );
}

const CREATED = 1_760_000_000;

function openAiJson(request: RecordedRequest, step: ReplyStep) {
  const usage = usageOf(request, step);
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: CREATED,
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: step.reply },
        finish_reason: step.finish ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

function openAiChunks(request: RecordedRequest, step: ReplyStep): string[] {
  const usage = usageOf(request, step);
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: CREATED, model: request.model, choices, ...extra })}\n\n`;
  const options = request.body.stream_options as { include_usage?: boolean } | undefined;
  return [
    chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    ...pieces(step.reply).map((p) =>
      chunk([{ index: 0, delta: { content: p }, finish_reason: null }]),
    ),
    chunk([{ index: 0, delta: {}, finish_reason: step.finish ?? "stop" }]),
    ...(options?.include_usage
      ? [
          chunk([], {
            usage: {
              prompt_tokens: usage.input,
              completion_tokens: usage.output,
              total_tokens: usage.input + usage.output,
            },
          }),
        ]
      : []),
    "data: [DONE]\n\n",
  ];
}

function anthropicJson(request: RecordedRequest, step: ReplyStep) {
  const usage = usageOf(request, step);
  return {
    id: "msg_test",
    type: "message",
    role: "assistant",
    model: request.model,
    content: [{ type: "text", text: step.reply }],
    stop_reason: step.finish === "length" ? "max_tokens" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

function anthropicEvents(request: RecordedRequest, step: ReplyStep): string[] {
  const usage = usageOf(request, step);
  const event = (type: string, data: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const start = { ...anthropicJson(request, step), content: [], stop_reason: null };
  return [
    event("message_start", {
      message: { ...start, usage: { input_tokens: usage.input, output_tokens: 1 } },
    }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ...pieces(step.reply).map((text) =>
      event("content_block_delta", { index: 0, delta: { type: "text_delta", text } }),
    ),
    event("content_block_stop", { index: 0 }),
    event("message_delta", {
      delta: {
        stop_reason: step.finish === "length" ? "max_tokens" : "end_turn",
        stop_sequence: null,
      },
      usage: { output_tokens: usage.output },
    }),
    event("message_stop", {}),
  ];
}
