/** `steward report PROBLEM [--run N] [--out FILE] [--format html|md]`: one run as a self-contained file. */
import fs from "node:fs";
import { StewardError } from "../../errors.ts";
import { reportData } from "../../report/report-data.ts";
import { reportHtml } from "../../report/report-html.ts";
import { reportMarkdown } from "../../report/report-markdown.ts";
import { integer, oneOf, onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";
import { withProblem } from "../problem-session.ts";

const usage = `Usage: steward report PROBLEM [--run N] [--out FILE] [--format html|md]

Writes one run (default: the latest) as a single self-contained file to attach
to a ticket or an email: the problem, the charter's pinned hashes, the progress
charts (inline SVG), the champion history, every proposal with its gates,
verdicts and diff, the best program's diff against the seed, LLM spend, and
the ledger's root and latest signed checkpoint with the command that verifies
it. HTML by default (no scripts, nothing fetched); --format md for Markdown.
Without --out it prints the report.`;

export const reportCommand: Command = {
  name: "report",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("report", args, {
      run: { type: "string" },
      out: { type: "string", short: "o" },
      format: { type: "string" },
    });
    const folder = onePositional(positionals, "PROBLEM folder", usage);
    const format = oneOf("format", values.format, ["html", "md"] as const, "html");
    const run = values.run === undefined ? undefined : integer("run", values.run, 0);
    const text = await withProblem(folder, ({ problem, store }) => {
      const data = reportData(problem, store, run);
      return format === "md" ? reportMarkdown(data) : reportHtml(data);
    });
    if (typeof values.out !== "string") {
      io.out(text);
      return EXIT.ok;
    }
    try {
      fs.writeFileSync(values.out, text);
    } catch (error) {
      throw new StewardError(
        "io",
        `cannot write the report to ${values.out}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    io.out(`wrote the report to ${values.out}`);
    return EXIT.ok;
  },
};
