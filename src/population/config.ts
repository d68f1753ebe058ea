/**
 * Population settings: defaults, and a check that turns a partial config into
 * a complete, valid one. The charter is validated at the edge; this guards
 * direct callers and states the limits in one place.
 */
import { StewardError } from "../errors.ts";
import type { FeatureDimension, PopulationConfig } from "./types.ts";

/**
 * Default axes over the built-in features. Their ranges are rough guesses for
 * programs of a few hundred lines; a charter should set its own.
 */
export const DEFAULT_DIMENSIONS: readonly FeatureDimension[] = [
  { name: "code_length", bins: 10, min: 0, max: 8000 },
  { name: "complexity", bins: 10, min: 0, max: 1000 },
];

export const DEFAULT_POPULATION_CONFIG: Readonly<PopulationConfig> = {
  islands: 4,
  migrationInterval: 50,
  migrationCount: 2,
  dimensions: DEFAULT_DIMENSIONS.map((d) => ({ ...d })),
  archiveSize: 20,
  selection: "weighted",
  sigmoidSharpness: 10,
};

/** The defaults overridden by `overrides`, checked. Throws "charter-invalid" naming the field. */
export function populationConfig(overrides: Partial<PopulationConfig> = {}): PopulationConfig {
  const config: PopulationConfig = {
    ...DEFAULT_POPULATION_CONFIG,
    ...overrides,
    dimensions: (overrides.dimensions ?? DEFAULT_POPULATION_CONFIG.dimensions).map((d) => ({
      ...d,
    })),
  };
  wholeNumber("islands", config.islands, 1);
  wholeNumber("migrationInterval", config.migrationInterval, 0);
  wholeNumber("migrationCount", config.migrationCount, 0);
  wholeNumber("archiveSize", config.archiveSize, 1);
  if (!(config.sigmoidSharpness > 0 && Number.isFinite(config.sigmoidSharpness))) {
    invalid("sigmoidSharpness", "a positive number", config.sigmoidSharpness);
  }
  if (!["weighted", "hill-climbing", "uniform"].includes(config.selection)) {
    invalid("selection", '"weighted", "hill-climbing" or "uniform"', config.selection);
  }
  const names = new Set<string>();
  for (const [i, d] of config.dimensions.entries()) {
    if (names.has(d.name)) invalid(`dimensions[${i}].name`, "a name not used before", d.name);
    names.add(d.name);
    wholeNumber(`dimensions[${i}].bins`, d.bins, 1);
    if (!(Number.isFinite(d.min) && Number.isFinite(d.max) && d.min < d.max)) {
      invalid(`dimensions[${i}]`, "finite min < max", `min ${d.min}, max ${d.max}`);
    }
  }
  return config;
}

function wholeNumber(field: string, value: number, least: number): void {
  if (!(Number.isInteger(value) && value >= least)) {
    invalid(field, `a whole number >= ${least}`, value);
  }
}

function invalid(field: string, expected: string, got: unknown): never {
  throw new StewardError(
    "charter-invalid",
    `population.${field} must be ${expected}, got ${JSON.stringify(got)}`,
  );
}
