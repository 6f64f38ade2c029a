#!/usr/bin/env node
// The `ango` executable.
import { constants } from "node:os";
import { runCli } from "./main.js";

/** What a Unix tool killed by SIGPIPE reports to its shell: 128 + the signal's number. */
const CLOSED_PIPE_STATUS = 128 + (constants.signals.SIGPIPE ?? 13);

// A reader that went away (`ango ... | head -1`) ends the command at once and quietly, as SIGPIPE ends
// other tools: no stack trace, no further request. Node ignores SIGPIPE and reports EPIPE instead.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && stream === process.stdout)
      process.stderr.write(`ango: cannot write the output: ${error.code ?? error.message}\n`);
    process.exit(error.code === "EPIPE" ? CLOSED_PIPE_STATUS : 1);
  });

process.exitCode = await runCli(process.argv.slice(2));
