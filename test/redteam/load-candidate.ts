/**
 * Turns an attack's file (the interior of the red-team problem's EVOLVE-BLOCK)
 * into a whole candidate program: header lines that only keep tsc and Biome
 * away from attack code are dropped, placeholders are filled in, and the
 * interior goes between the seed's markers, so everything outside is the seed's.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { replaceBlocks } from "../../src/problem/markers.ts";

const CANDIDATES = fileURLToPath(new URL("./candidates/", import.meta.url));
const HEADER = /^\/\/ (@ts-nocheck|biome-ignore-all)[^\n]*\n/;

export function loadCandidate(
  name: string,
  seed: string,
  placeholders: Record<string, string>,
): string {
  let interior = fs.readFileSync(`${CANDIDATES}${name}.ts`, "utf8");
  while (HEADER.test(interior)) interior = interior.replace(HEADER, "");
  for (const [key, value] of Object.entries(placeholders))
    interior = interior.replaceAll(key, value);
  return replaceBlocks(seed, [interior]);
}

export function candidateExists(name: string): boolean {
  return fs.existsSync(`${CANDIDATES}${name}.ts`);
}
