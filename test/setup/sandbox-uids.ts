/**
 * Gives each integration test worker its own range of throwaway uids, so that
 * files run side by side and each one's "no sandbox process is left" checks
 * count only its own candidates. The ranges lie above the default range, so a
 * Steward run elsewhere on the machine is not counted either. Processes the
 * tests spawn (`steward run`, evaluators) inherit the variable.
 */
const SPAN = 10_000_000;
/** Above the default range, below 2^31 (bubblewrap's limit). */
const BASE = 2_000_000_000;

const worker = Number(process.env.VITEST_POOL_ID ?? 1);
const low = BASE + worker * SPAN;
process.env.STEWARD_SANDBOX_UIDS = `${low}-${low + SPAN}`;
