/** `steward init DIR [--template NAME]`: write a problem folder that evaluates out of the box. */
import { StewardError } from "../../errors.ts";
import { initProblem } from "../../problem/init.ts";
import { knownTemplates } from "../../problem/templates.ts";
import { onePositional, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward init DIR [--template blank|bin-packing]

Writes a new problem folder: steward.yaml (the charter), the seed program with
its EVOLVE-BLOCK markers, the evaluator and its data. Try it with
"steward eval DIR". The default template is "blank".`;

export const initCommand: Command = {
  name: "init",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("init", args, {
      template: { type: "string", short: "t" },
    });
    const folder = onePositional(positionals, "DIR", usage);
    const template = typeof values.template === "string" ? values.template : "blank";
    if (template.trim() === "") {
      const known = knownTemplates().join(", ");
      throw new StewardError("usage", `--template needs a name: known templates are ${known}`);
    }
    const { dir, files } = initProblem(folder, template);
    io.out(`Created ${dir} from the "${template}" template:`);
    for (const file of files) io.out(`  ${file}`);
    io.out(`\nNext: steward eval ${folder}`);
    return EXIT.ok;
  },
};
