/**
 * Prompt templates: plain text files with {{placeholders}}. The built-in ones
 * live in `templates/`; a problem overrides any of them with a file of the same
 * name in PROBLEM/prompts/ (system.txt, mutate.txt, repair.txt, meta-notes.txt).
 * An override that uses a placeholder its template does not have is an error
 * naming the file, so a typo cannot silently drop part of a prompt.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { StewardError } from "../../errors.ts";

export type TemplateName = "system" | "mutate" | "repair" | "meta-notes";

export type PromptTemplates = Readonly<Record<TemplateName, string>>;

/** The placeholders each template may use. */
export const PLACEHOLDERS: Readonly<Record<TemplateName, readonly string[]>> = {
  system: ["language", "fence"],
  mutate: [
    "language",
    "fence",
    "description",
    "objective",
    "parent_code",
    "parent_metrics",
    "inspirations",
    "failures",
    "meta_notes",
    "edit_feedback",
  ],
  repair: [
    "language",
    "fence",
    "description",
    "objective",
    "failed_code",
    "error",
    "edit_feedback",
  ],
  "meta-notes": ["description", "objective", "previous_notes", "results", "max_chars"],
};

const NAMES = Object.keys(PLACEHOLDERS) as TemplateName[];
const BUILT_IN_DIR = fileURLToPath(new URL("./templates/", import.meta.url));
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The templates for a problem folder (null: the built-in ones only). */
export function loadTemplates(problemDir: string | null = null): PromptTemplates {
  const entries = NAMES.map((name) => {
    const override = problemDir ? path.join(problemDir, "prompts", `${name}.txt`) : null;
    if (override && existsSync(override)) {
      const text = readFileSync(override, "utf8");
      checkPlaceholders(name, text, override);
      return [name, text] as const;
    }
    return [name, readFileSync(path.join(BUILT_IN_DIR, `${name}.txt`), "utf8")] as const;
  });
  return Object.fromEntries(entries) as Record<TemplateName, string>;
}

function checkPlaceholders(name: TemplateName, text: string, file: string): void {
  const known = PLACEHOLDERS[name];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const used = match[1] ?? "";
    if (!known.includes(used)) {
      throw new StewardError(
        "charter-invalid",
        `${file} uses {{${used}}}, which ${name}.txt does not have: use one of ${known.map((p) => `{{${p}}}`).join(", ")}`,
      );
    }
  }
}

/**
 * Fills in a template. A line holding only a placeholder whose value is empty
 * is dropped with the blank lines around it, so an optional section (no
 * inspirations, no failures) leaves no gap; the values themselves (code) are
 * inserted untouched.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const kept = template.split("\n").filter((line) => {
    const only = /^\s*\{\{\s*([a-z_]+)\s*\}\}\s*$/.exec(line);
    return !(only && values[only[1] ?? ""] === "");
  });
  const squeezed = kept
    .join("\n")
    .replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, "\n\n")
    .trim();
  return squeezed.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
