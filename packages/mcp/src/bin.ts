#!/usr/bin/env node
// The `ango-mcp` executable: see cli.ts.
import { main } from "./cli.js";

process.exitCode = await main(process.argv.slice(2));
