/**
 * Turns an attack's file (the interior of the red-team problem's EVOLVE-BLOCK:
 * candidates/NAME.ts for the JS problem, candidates/python/NAME.py for the
 * Python one) into a whole candidate program: header lines that only keep tsc and Biome
 * away from attack code are dropped, placeholders are filled in, and the
 * interior goes between the seed's markers, so everything outside is the seed's.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { replaceBlocks } from "../../src/problem/markers.ts";
import type { RedteamLanguage } from "./world.ts";

const CANDIDATES = fileURLToPath(new URL("./candidates/", import.meta.url));
const HEADER = /^\/\/ (@ts-nocheck|biome-ignore-all)[^\n]*\n/;

export function candidateFile(name: string, language: RedteamLanguage = "js"): string {
  return language === "python" ? `${CANDIDATES}python/${name}.py` : `${CANDIDATES}${name}.ts`;
}

export function loadCandidate(
  name: string,
  seed: string,
  placeholders: Record<string, string>,
  language: RedteamLanguage = "js",
): string {
  let interior = fs.readFileSync(candidateFile(name, language), "utf8");
  while (HEADER.test(interior)) interior = interior.replace(HEADER, "");
  for (const [key, value] of Object.entries(placeholders))
    interior = interior.replaceAll(key, value);
  return replaceBlocks(seed, [interior]);
}

export function candidateExists(name: string, language: RedteamLanguage = "js"): boolean {
  return fs.existsSync(candidateFile(name, language));
}
