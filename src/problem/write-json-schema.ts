/**
 * Regenerates `schema/steward.schema.json` from the charter schema:
 * `npx tsx src/problem/write-json-schema.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { renderCharterJsonSchema, SCHEMA_FILE } from "./json-schema.ts";

fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
fs.writeFileSync(SCHEMA_FILE, renderCharterJsonSchema());
console.log(`wrote ${SCHEMA_FILE}`);
