/**
 * The policy scan's rules: capabilities an AI-written candidate has no honest
 * use for in a scoring function, each with a stable id that findings, warnings
 * and rejections name. The scan is one layer of defence, not the boundary: the
 * sandbox contains a candidate whatever the scan says.
 */

export type PolicyCategory =
  | "dynamic-code"
  | "process-access"
  | "global-patching"
  | "clock-patching"
  | "reflection"
  | "hidden-text";

export interface PolicyRule {
  id: string;
  category: PolicyCategory;
  /** What the rule catches, for reviewers and `steward doctor`-like listings. */
  description: string;
}

export const POLICY_RULES = [
  {
    id: "eval",
    category: "dynamic-code",
    description: "eval, or a timer given a string of code",
  },
  {
    id: "function-constructor",
    category: "dynamic-code",
    description: "the Function constructor (Function(...), new Function(...))",
  },
  {
    id: "constructor-access",
    category: "dynamic-code",
    description: "reaching a constructor through .constructor (the constructor.constructor escape)",
  },
  { id: "dynamic-import", category: "dynamic-code", description: "import(...) at run time" },
  {
    id: "process",
    category: "process-access",
    description: "the global process object (env, binding, kill, exit...)",
  },
  {
    id: "require",
    category: "process-access",
    description: "CommonJS require, module or exports",
  },
  {
    id: "node-module",
    category: "process-access",
    description:
      "importing a Node module that reaches outside the program (child_process, worker_threads, fs, net, dgram, dns, http, vm, ...)",
  },
  {
    id: "network-global",
    category: "process-access",
    description: "fetch, WebSocket and other network globals",
  },
  {
    id: "computed-global",
    category: "process-access",
    description: "the global object read by a computed name, or handed around as a value",
  },
  {
    id: "prototype-patch",
    category: "global-patching",
    description: "assigning to a built-in prototype (Array.prototype.push = ...)",
  },
  {
    id: "global-patch",
    category: "global-patching",
    description: "assigning to a global or to a property of a built-in (Math, JSON, console, ...)",
  },
  {
    id: "clock-patch",
    category: "clock-patching",
    description: "replacing Date, Date.now, performance.now or Math.random",
  },
  {
    id: "timer-patch",
    category: "clock-patching",
    description: "replacing setTimeout, setInterval, setImmediate or queueMicrotask",
  },
  { id: "reflect", category: "reflection", description: "the Reflect API" },
  { id: "proxy", category: "reflection", description: "Proxy objects" },
  {
    id: "proto",
    category: "reflection",
    description: "__proto__ and Object.setPrototypeOf",
  },
  {
    id: "define-property",
    category: "reflection",
    description: "Object.defineProperty / defineProperties / __defineGetter__ and the like",
  },
  {
    id: "callee",
    category: "reflection",
    description: "arguments.callee and .caller: reaching the calling code",
  },
  {
    id: "stack-inspection",
    category: "reflection",
    description:
      "Error.prepareStackTrace, Error.captureStackTrace, Error.stackTraceLimit, reading an error's stack",
  },
  {
    id: "bidi-control",
    category: "hidden-text",
    description:
      "Unicode bidi controls (U+202A-202E, U+2066-2069, ...), which reorder how a line displays (Trojan Source)",
  },
  {
    id: "invisible-character",
    category: "hidden-text",
    description: "zero-width, format, variation-selector or private-use characters",
  },
  {
    id: "control-character",
    category: "hidden-text",
    description: "raw control characters: terminal escapes, a carriage return inside a line",
  },
  {
    id: "mixed-script-identifier",
    category: "hidden-text",
    description:
      "an identifier mixing scripts (a Latin name with a Cyrillic letter) that imitates another",
  },
] as const satisfies readonly PolicyRule[];

export type PolicyRuleId = (typeof POLICY_RULES)[number]["id"];

export function ruleById(id: PolicyRuleId): PolicyRule {
  return POLICY_RULES.find((rule) => rule.id === id) as PolicyRule;
}

/** Node modules (with or without "node:") whose import is flagged as `node-module`. */
export const DANGEROUS_MODULES: ReadonlySet<string> = new Set([
  "async_hooks",
  "child_process",
  "cluster",
  "dgram",
  "diagnostics_channel",
  "dns",
  "dns/promises",
  "fs",
  "fs/promises",
  "http",
  "http2",
  "https",
  "inspector",
  "inspector/promises",
  "module",
  "net",
  "os",
  "process",
  "repl",
  "sqlite",
  "test",
  "timers",
  "timers/promises",
  "tls",
  "trace_events",
  "tty",
  "v8",
  "vm",
  "wasi",
  "worker_threads",
]);

/** Globals that name the global object itself. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set([
  "globalThis",
  "global",
  "self",
  "window",
]);

/** Global identifiers flagged wherever they are read, by the rule they fall under. */
export const FLAGGED_GLOBALS: Readonly<Record<string, PolicyRuleId>> = {
  eval: "eval",
  Function: "function-constructor",
  process: "process",
  require: "require",
  module: "require",
  exports: "require",
  fetch: "network-global",
  WebSocket: "network-global",
  XMLHttpRequest: "network-global",
  EventSource: "network-global",
  Reflect: "reflect",
  Proxy: "proxy",
};

/** `Root.name` pairs that are clocks or randomness: replacing them is `clock-patch`. */
export const CLOCKS: ReadonlySet<string> = new Set([
  "Date.now",
  "performance.now",
  "performance.timeOrigin",
  "Math.random",
  "process.hrtime",
  "crypto.getRandomValues",
  "crypto.randomUUID",
]);

/** Globals that are clocks as a whole (`Date = ...`, `globalThis.performance = ...`). */
export const CLOCK_GLOBALS: ReadonlySet<string> = new Set(["Date", "performance", "crypto"]);

export const TIMERS: ReadonlySet<string> = new Set([
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "queueMicrotask",
]);

/** `Object.x` calls flagged as `define-property` (or `proto` for prototype changes). */
export const DEFINE_CALLS: Readonly<Record<string, PolicyRuleId>> = {
  defineProperty: "define-property",
  defineProperties: "define-property",
  setPrototypeOf: "proto",
};

/** Legacy accessor methods, flagged on any object. */
export const LEGACY_ACCESSORS: ReadonlySet<string> = new Set([
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

export const STACK_HOOKS: ReadonlySet<string> = new Set([
  "prepareStackTrace",
  "captureStackTrace",
  "stackTraceLimit",
]);
