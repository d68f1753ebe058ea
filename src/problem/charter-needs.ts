/**
 * The charter's `needs`: what a problem needs on the machine that evaluates
 * it, checked by `steward eval` and `steward run` before anything runs (see
 * check-needs.ts), so a missing interpreter or library is one clear message
 * naming it and its install command, not a failed seed. Two kinds:
 *
 *   needs:
 *     - python: /usr/bin/python3          # this interpreter, with these modules
 *       modules: [torch]
 *       install: apt-get install -y python3-torch
 *     - command: /usr/bin/gcc              # an executable (a path, or a name on PATH)
 *       install: apt-get install -y gcc
 */
import { z } from "zod";

export type Need =
  | { kind: "python"; python: string; modules: string[]; install: string | null }
  | { kind: "command"; command: string; install: string | null };

const MODULE_EXPECTED = "a Python module name like torch or numpy.linalg";
const NEED_EXPECTED =
  'one of "python" (an interpreter, with "modules") or "command" (an executable), not both';

const needFileSchema = z
  .strictObject({
    python: z.string().min(1).optional().meta({
      description:
        "A Python interpreter that must exist (an absolute path, or a name on PATH), e.g. /usr/bin/python3.",
    }),
    modules: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, { error: MODULE_EXPECTED }),
      )
      .default([])
      .meta({ description: "Modules that interpreter must be able to import, e.g. [torch]." }),
    command: z.string().min(1).optional().meta({
      description: "An executable that must exist: an absolute path, or a name on PATH.",
    }),
    install: z.string().min(1).nullable().default(null).meta({
      description:
        "The command that installs what is missing, shown when it is, e.g. apt-get install -y python3-torch.",
    }),
  })
  .refine((n) => (n.python === undefined) !== (n.command === undefined), { error: NEED_EXPECTED })
  .refine((n) => n.python !== undefined || n.modules.length === 0, {
    error: '"modules" goes with "python"',
  });

export const needsFileSchema = z.array(needFileSchema).default([]).meta({
  title: "Needs",
  description:
    "What evaluating this problem needs on the machine (an interpreter with modules, an executable), checked before eval and run start, with the install command to show when it is missing.",
});

export function toNeeds(file: z.output<typeof needsFileSchema>): Need[] {
  return file.map((n) =>
    n.python !== undefined
      ? { kind: "python", python: n.python, modules: n.modules, install: n.install }
      : { kind: "command", command: n.command ?? "", install: n.install },
  );
}
