import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { charterJsonSchema, renderCharterJsonSchema, SCHEMA_FILE } from "./json-schema.ts";

describe("the published JSON Schema", () => {
  it("is the one the charter schema generates (regenerate: npx tsx src/problem/write-json-schema.ts)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(renderCharterJsonSchema());
  });

  it("describes the file as written: snake_case keys, defaults optional, no extra keys", () => {
    const schema = charterJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { title?: string; description?: string; properties?: object }>;
    };
    expect(schema.required.sort()).toEqual(["name", "objective", "program"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.limits?.properties ?? {})).toContain("call_timeout_ms");
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.description, `${key} has a description`).toBeTruthy();
    }
  });
});
