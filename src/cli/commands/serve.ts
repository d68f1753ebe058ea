/** `steward serve PROBLEM...`: the review dashboard in a browser. */
import { StewardError } from "../../errors.ts";
import { approverNameProblem, loadApproverKey } from "../../oversight/keys.ts";
import { isLoopback, startServer } from "../../serve/start-server.ts";
import { integer, parseCommandArgs } from "../args.ts";
import { type Command, EXIT } from "../command.ts";

const usage = `Usage: steward serve PROBLEM... [--port N] [--host 127.0.0.1] [--as NAME]

Serves a review dashboard for the problems: runs (live), progress charts,
MAP-Elites grids, lineage, proposals with their diffs, gates and verdicts,
and the ledger with a verify button. It prints a URL holding a random access
token; without it every page answers 401.

  --port N     the port (default 0: any free port)
  --host HOST  the address to bind (default 127.0.0.1); anything but a
               loopback address lets other machines reach the dashboard
  --as NAME    approve and reject from the pages, signed on this machine with
               NAME's key ("steward keys create NAME"); the private key never
               reaches the browser. The reviewer types the first 8 characters
               of the content hash to confirm. A proposal with the approvals
               it needs gets a Deploy button (as "steward deploy": only the
               content the page showed, its bytes re-hashed before writing).
               Without --as it is read-only.

The session cookie is named after the port, so several dashboards on one
machine keep their own sessions. Every run is read once at start, then only
what changed.

Stop it with Ctrl-C.`;

export const serveCommand: Command = {
  name: "serve",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("serve", args, {
      port: { type: "string" },
      host: { type: "string" },
      as: { type: "string" },
    });
    if (positionals.length === 0)
      throw new StewardError("usage", `expected at least one PROBLEM folder\n\n${usage}`);
    const port = integer("port", values.port, 0);
    if (port < 0 || port > 65535)
      throw new StewardError("usage", `--port must be 0..65535 (got ${port})`);
    const host = typeof values.host === "string" ? values.host : "127.0.0.1";
    const as = typeof values.as === "string" ? values.as : null;
    if (as !== null) {
      const problem = approverNameProblem(as);
      if (problem) throw new StewardError("usage", `--as ${as}: ${problem}`);
      loadApproverKey(as); // a missing key fails now, with the command that makes one
    }
    if (!isLoopback(host)) {
      io.err(
        `steward serve: warning: binding to ${host}, not a loopback address: anyone who can reach it and learns the token can ${as ? `sign verdicts as ${as}` : "read the dashboard"}; traffic is not encrypted`,
      );
    }
    const server = await startServer({ folders: positionals, host, port, as });
    io.out(`steward serve: open ${server.openUrl}`);
    io.out(
      as ? `verdicts are signed as ${as}` : "read-only (start with --as NAME to approve or reject)",
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await server.close();
    return EXIT.ok;
  },
};
