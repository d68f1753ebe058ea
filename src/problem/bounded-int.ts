/** A charter integer within [min, max] with a default, every error saying the range. */
import { z } from "zod";

export function boundedInt(min: number, max: number, fallback: number) {
  const expected = `an integer from ${min} to ${max}`;
  return z
    .int({ error: expected })
    .min(min, { error: expected })
    .max(max, { error: expected })
    .default(fallback);
}
