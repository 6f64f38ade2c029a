#!/usr/bin/env node
// The `ango` executable. A closed stdout (`ango ... | head -1`) ends the command quietly with status 141,
// as SIGPIPE ends other tools (processIO stops the command; this keeps the status when the pipe's error
// arrives after the last write); a closed stderr leaves nothing to tell, so it is ignored.
import { EXIT } from "./exit-codes.js";
import { processIO, runCli } from "./main.js";

process.stderr.on("error", () => {});
const status = await runCli(process.argv.slice(2));
process.exitCode = processIO.outputClosed?.aborted ? EXIT.closedPipe : status;
processIO.outputClosed?.addEventListener("abort", () => {
  process.exitCode = EXIT.closedPipe;
});
