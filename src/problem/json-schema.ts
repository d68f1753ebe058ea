/**
 * The JSON Schema of the charter file as people write it (snake_case keys,
 * defaults optional), generated from the same zod schema that validates it.
 * Shipped as `schema/steward.schema.json` for editors; a test keeps the shipped
 * file equal to this.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { charterSchema } from "./charter-schema.ts";

/** Where the shipped schema lives, from the repository root. */
export const SCHEMA_FILE = fileURLToPath(
  new URL("../../schema/steward.schema.json", import.meta.url),
);

export function charterJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(charterSchema, { io: "input", target: "draft-2020-12" });
}

/** The file's exact text: two-space JSON with a final newline. */
export function renderCharterJsonSchema(): string {
  return `${JSON.stringify(charterJsonSchema(), null, 2)}\n`;
}
