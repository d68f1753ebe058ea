/**
 * The variable parts of a prompt, each formatted and bounded: metrics, the
 * objective, inspirations, the lineage's recent failures, the run's notes, and
 * the feedback on a reply whose edit could not be applied. An optional section
 * with nothing to say is "" (and vanishes from the rendered template).
 */
import type { Metrics } from "../../evaluation/outcome.ts";
import type { MutationRequest, ProgramView } from "../mutator.ts";

export const LIMITS = {
  /** Most inspirations shown, and their code's total characters. */
  inspirations: 3,
  inspirationChars: 12_000,
  /** Most failures shown, and their total characters. */
  failures: 3,
  failureChars: 2_000,
  /** Most characters of meta-notes. */
  notesChars: 1_500,
};

type Problem = MutationRequest["problem"];

export function languageName(language: Problem["language"]): string {
  const names = { typescript: "TypeScript", javascript: "JavaScript", python: "Python" };
  return language === "command" ? "command-line" : names[language];
}

/** The code fence's info string. */
export function fenceOf(language: Problem["language"]): string {
  return language === "command" ? "" : language;
}

export function objectiveText(objective: Problem["objective"]): string {
  return objective.direction === "minimize"
    ? `Minimize \`${objective.metric}\` (lower is better)`
    : `Maximize \`${objective.metric}\` (higher is better)`;
}

export function metricsText(metrics: Metrics | null): string {
  if (metrics === null) return "not scored yet";
  const entries = Object.entries(metrics);
  if (entries.length === 0) return "none reported";
  return entries.map(([name, value]) => `${name} = ${formatNumber(value)}`).join(", ");
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Other programs with their metrics, whole, as many as fit the bounds. */
export function inspirationsSection(inspirations: readonly ProgramView[], fence: string): string {
  const shown: string[] = [];
  let chars = 0;
  for (const program of inspirations) {
    if (shown.length >= LIMITS.inspirations) break;
    if (chars + program.code.length > LIMITS.inspirationChars) continue;
    chars += program.code.length;
    shown.push(
      `## Program ${shown.length + 1} (${metricsText(program.metrics)})\n\n\`\`\`${fence}\n${program.code.trimEnd()}\n\`\`\``,
    );
  }
  if (shown.length === 0) return "";
  return `# Other programs\n\nFor ideas: other good or different programs found so far. Your edit applies to the current program only.\n\n${shown.join("\n\n")}`;
}

/** The lineage's newest failures, at most LIMITS.failures in LIMITS.failureChars. */
export function failuresSection(feedback: readonly string[]): string {
  const recent = feedback.slice(0, LIMITS.failures).filter((f) => f.trim() !== "");
  if (recent.length === 0) return "";
  const each = Math.floor(LIMITS.failureChars / recent.length);
  const items = recent.map((f) => `- ${clip(f.trim(), each)}`);
  return `# Recent failures\n\nRecent changes to this program failed like this; avoid repeating them:\n\n${items.join("\n")}`;
}

export function metaNotesSection(notes: string): string {
  const text = notes.trim();
  if (text === "") return "";
  return `# Notes on the search so far\n\n${clip(text, LIMITS.notesChars)}`;
}

export function editFeedbackSection(feedback: string): string {
  if (feedback.trim() === "") return "";
  return `# Your previous reply\n\n${feedback.trim()}\nReply again with a corrected edit.`;
}

/** At most `max` characters, cutting in the middle so the start and the end survive. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = "\n[...]\n";
  const keep = Math.max(0, max - marker.length);
  const head = Math.ceil(keep * 0.6);
  return `${text.slice(0, head)}${marker}${text.slice(text.length - (keep - head))}`;
}
