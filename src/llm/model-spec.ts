/**
 * Model specs: "PROVIDER:MODEL[@BASE_URL]" as written in a charter or on the
 * command line, parsed into the SDK provider to use, the endpoint and the
 * environment variable that holds the API key.
 *
 * Providers: openai, anthropic, google, openai-compatible (needs @BASE_URL), and
 * aliases for OpenAI-compatible servers with a default endpoint: ollama,
 * llamacpp, lmstudio, vllm (local, free, no key) and openrouter (paid, keyed).
 * A BASE_URL on any provider replaces its endpoint. An openai-compatible server
 * on a loopback address counts as local.
 */
import { StewardError } from "../errors.ts";

/** The SDK provider package that talks to the endpoint. */
export type SdkProvider = "openai" | "anthropic" | "google" | "openai-compatible";

export interface ModelSpec {
  /** The spec as written, e.g. "ollama:qwen2.5-coder@http://10.0.0.2:11434/v1". */
  text: string;
  /** The provider as written (an alias such as "ollama" stays "ollama"). */
  provider: string;
  /** The model id sent to the endpoint. */
  model: string;
  /** "PROVIDER:MODEL", the key of the price table. */
  priceKey: string;
  sdk: SdkProvider;
  /** The endpoint, or null for the SDK's default. */
  baseUrl: string | null;
  /** The environment variable that must hold the API key, or null when none is needed. */
  keyVariable: string | null;
  /** A local server: free, and a key is optional (STEWARD_LLM_API_KEY). */
  local: boolean;
}

interface ProviderEntry {
  sdk: SdkProvider;
  baseUrl: string | null;
  keyVariable: string | null;
  local: boolean;
}

const PROVIDERS: Readonly<Record<string, ProviderEntry>> = {
  openai: { sdk: "openai", baseUrl: null, keyVariable: "OPENAI_API_KEY", local: false },
  anthropic: { sdk: "anthropic", baseUrl: null, keyVariable: "ANTHROPIC_API_KEY", local: false },
  google: {
    sdk: "google",
    baseUrl: null,
    keyVariable: "GOOGLE_GENERATIVE_AI_API_KEY",
    local: false,
  },
  "openai-compatible": { sdk: "openai-compatible", baseUrl: null, keyVariable: null, local: false },
  ollama: local("http://127.0.0.1:11434/v1"),
  llamacpp: local("http://127.0.0.1:8080/v1"),
  lmstudio: local("http://127.0.0.1:1234/v1"),
  vllm: local("http://127.0.0.1:8000/v1"),
  openrouter: {
    sdk: "openai-compatible",
    baseUrl: "https://openrouter.ai/api/v1",
    keyVariable: "OPENROUTER_API_KEY",
    local: false,
  },
};

function local(baseUrl: string): ProviderEntry {
  return { sdk: "openai-compatible", baseUrl, keyVariable: null, local: true };
}

/** The optional key sent to local and generic OpenAI-compatible servers. */
export const GENERIC_KEY_VARIABLE = "STEWARD_LLM_API_KEY";

export const PROVIDER_NAMES: readonly string[] = Object.keys(PROVIDERS);

export function parseModelSpec(text: string): ModelSpec {
  const colon = text.indexOf(":");
  const provider = colon > 0 ? text.slice(0, colon) : "";
  const rest = colon > 0 ? text.slice(colon + 1) : "";
  const at = rest.indexOf("@");
  const model = at >= 0 ? rest.slice(0, at) : rest;
  const override = at >= 0 ? rest.slice(at + 1) : null;
  const entry = PROVIDERS[provider];
  if (!entry) {
    throw new StewardError(
      "usage",
      `unknown model provider in "${text}": write PROVIDER:MODEL[@BASE_URL] with PROVIDER one of ${PROVIDER_NAMES.join(", ")}`,
    );
  }
  if (model === "" || /\s/.test(model)) {
    throw new StewardError("usage", `no model name in "${text}": write ${provider}:MODEL`);
  }
  if (override !== null && !isHttpUrl(override)) {
    throw new StewardError(
      "usage",
      `"${override}" in "${text}" is not an http(s) URL: write ${provider}:${model}@http://HOST:PORT/v1`,
    );
  }
  if (override !== null && new URL(override).username !== "") {
    throw new StewardError(
      "usage",
      `the URL in "${provider}:${model}@..." holds credentials, which would be logged: remove them and put the key in ${entry.keyVariable ?? GENERIC_KEY_VARIABLE}`,
    );
  }
  const baseUrl = override ?? entry.baseUrl;
  if (entry.sdk === "openai-compatible" && baseUrl === null) {
    throw new StewardError(
      "usage",
      `"${text}" needs the server's URL: write ${provider}:${model}@http://HOST:PORT/v1`,
    );
  }
  return {
    text,
    provider,
    model,
    priceKey: `${provider}:${model}`,
    sdk: entry.sdk,
    baseUrl: baseUrl === null ? null : baseUrl.replace(/\/+$/, ""),
    keyVariable: entry.keyVariable,
    // A generic OpenAI-compatible server on this machine is as free as ollama.
    local: entry.local || (provider === "openai-compatible" && isLoopback(baseUrl)),
  };
}

/**
 * The API key for a spec from the environment. A provider that needs a key and
 * has none is an error naming the variable; local servers get STEWARD_LLM_API_KEY
 * when it is set and no key otherwise.
 */
export function apiKeyFor(spec: ModelSpec, env: NodeJS.ProcessEnv): string | undefined {
  if (spec.keyVariable === null) return nonEmpty(env[GENERIC_KEY_VARIABLE]);
  const key = nonEmpty(env[spec.keyVariable]);
  if (key === undefined) {
    throw new StewardError(
      "usage",
      `${spec.keyVariable} is not set: set it to use ${spec.text}, or pass --model with another provider`,
    );
  }
  return key;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function isLoopback(url: string | null): boolean {
  if (url === null) return false;
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
