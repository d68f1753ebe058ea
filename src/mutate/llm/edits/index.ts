/** Turning LLM replies into programs: the API the LLM mutator calls. */
export { applyReply } from "./apply-reply.ts";
export { formatEditFeedback } from "./feedback.ts";
export type { EditFailure, EditKind, EditResult } from "./types.ts";
