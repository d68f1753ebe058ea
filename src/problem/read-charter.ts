/**
 * Finds a problem folder's charter file and reads it: YAML (`steward.yaml`,
 * `steward.yml`) or JSON (`steward.json`). Syntax errors name the line; the
 * contents are then validated by `parseCharter`.
 */
import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { Charter } from "./charter.ts";
import { CharterError } from "./charter-errors.ts";
import { parseCharter } from "./parse-charter.ts";

/** Charter file names, in the order they are looked for. */
export const CHARTER_FILES = ["steward.yaml", "steward.yml", "steward.json"] as const;

/**
 * The charter file in `dir`, or null when there is none. Two charter files in
 * one folder are an error: Steward would have to guess which one counts.
 */
export function findCharterFile(dir: string): string | null {
  const present = CHARTER_FILES.filter((name) => fs.existsSync(path.join(dir, name)));
  if (present.length > 1) {
    throw new CharterError(
      present.slice(1).map((name) => ({
        file: name,
        key: "",
        found: `a second charter file next to ${present[0]}`,
        expected: "one charter file per problem folder (delete one)",
      })),
    );
  }
  return present[0] === undefined ? null : path.join(dir, present[0]);
}

/** Reads and validates a charter file; throws `CharterError` naming the file. */
export function readCharter(charterPath: string): Charter {
  const file = path.basename(charterPath);
  let text: string;
  try {
    text = fs.readFileSync(charterPath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CharterError(
      [
        {
          file,
          key: "",
          found: `an unreadable file (${code})`,
          expected: "a readable charter file",
        },
      ],
      { cause: error },
    );
  }
  const data = file.endsWith(".json") ? parseJson(text, file) : parseYaml(text, file);
  return parseCharter(data, file);
}

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // An error at the very end (an unclosed bracket) points at the last line, not past it.
    const lastLine = text.trimEnd().split("\n").length;
    throw new CharterError(
      doc.errors.map((error) => ({
        file,
        key: `line ${Math.min(lineCounter.linePos(error.pos[0]).line, lastLine)}`,
        found: `invalid YAML (${shorten(error.message.split("\n")[0] ?? "")})`,
        expected: "a YAML mapping of charter keys",
      })),
    );
  }
  if (doc.contents === null) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new CharterError(
      [
        {
          file,
          key: "",
          found: `unusable YAML (${shorten((error as Error).message)})`,
          expected: "plain YAML",
        },
      ],
      { cause: error },
    );
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? null : text.slice(0, Number(position)).split("\n").length;
    throw new CharterError(
      [
        {
          file,
          key: line === null ? "" : `line ${line}`,
          found: `invalid JSON (${shorten(message)})`,
          expected: "a JSON object of charter keys",
        },
      ],
      { cause: error },
    );
  }
}

/** A parser's message, cut short: some quote the rest of the file. */
function shorten(message: string, max = 160): string {
  return message.length > max ? `${message.slice(0, max - 3)}...` : message;
}
