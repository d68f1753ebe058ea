/** `steward doctor`: which sandbox levels this machine gives, which not and why, and the fix. */
import { evaluatorConfinementStatus } from "../../evaluation/evaluator-confinement.ts";
import { probeAllLevels } from "../../sandbox/detect.ts";
import { describeLevel, isIsolating } from "../../sandbox/level.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { describePython, pythonStatus } from "../python-status.ts";

const usage = `Usage: steward doctor [--json]

Probes every sandbox level on this machine, strongest first: bubblewrap, then
namespace (util-linux unshare: no network, own pid/ipc/uts/mount namespaces,
private capped tmpfs; as root, or as a normal user where unprivileged user
namespaces work), then process (weak: network open, host files readable; used
only when asked for with --sandbox process or "sandbox: process"). Says which
works, which does not and why, and the one command that would enable a
stronger level, and whether the evaluator process (trusted, but it parses what
candidates send) is confined too. STEWARD_BWRAP and STEWARD_UNSHARE name other
tool paths. Also says whether /usr/bin/python3 has PyTorch (examples/char-lm
needs it; a python3 earlier on PATH does not count) and how to install it.

Exit code 0 when an isolating level (bubblewrap or namespace) works, 1 when
none does (steward run and eval then refuse to run unless asked for process).`;

export const doctorCommand: Command = {
  name: "doctor",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs("doctor", args, { json: { type: "boolean" } });
    let report: ReturnType<typeof probeAllLevels>;
    try {
      report = probeAllLevels();
    } catch (error) {
      io.err(`no sandbox available: ${(error as Error).message}`);
      return EXIT.failed;
    }
    // What the machine gives, whatever STEWARD_SANDBOX chose for this process.
    const strongest = report.levels.find((l) => l.available)?.level ?? "process";
    const isolating = isIsolating(strongest);
    const evaluator = evaluatorConfinementStatus(report.level);
    const python = pythonStatus();
    if (values.json) {
      io.out(JSON.stringify({ ...report, evaluator, python }));
      return isolating ? EXIT.ok : EXIT.failed;
    }
    const strength =
      report.level === "bubblewrap"
        ? " (strongest)"
        : isIsolating(report.level)
          ? ""
          : "  ** WEAK **";
    io.out(`sandbox: ${describeLevel(report.level)}${strength}`);
    for (const probe of report.levels)
      io.out(`  ${probe.available ? "yes" : "no "} ${probe.level}: ${probe.why}`);
    for (const reason of report.reasons.filter(
      (r) => !report.levels.some((l) => r.startsWith(`${l.level}:`)),
    ))
      io.out(`  - ${reason}`);
    if (report.level !== strongest)
      io.out(`  - STEWARD_SANDBOX=${report.level} chooses the ${report.level} level here`);
    for (const weakness of report.weaknesses) io.out(`  ! ${weakness}`);
    io.out(
      `  ${evaluator.confined ? "-" : "!"} evaluator process: ${evaluator.confined ? "confined" : "not confined"} (${evaluator.why})`,
    );
    io.out(`  ${describePython(python)}`);
    if (report.fix) io.out(`For a stronger level: ${report.fix}`);
    if (!isolating)
      io.out(
        'No isolating level: "steward run" and "steward eval" refuse to run unless given --sandbox process (or "sandbox: process" in the charter); "sandbox: strict" charters never run here.',
      );
    return isolating ? EXIT.ok : EXIT.failed;
  },
};
