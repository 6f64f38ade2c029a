#!/usr/bin/env node
// The `ango-mcp` command. A file of its own, present before the build, so installing the workspace links
// the command without a "Failed to create bin" warning; the code is the built dist/bin.js.
import "../dist/bin.js";
