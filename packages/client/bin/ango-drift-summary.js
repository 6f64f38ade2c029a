#!/usr/bin/env node
// The `ango-drift-summary` command. A file of its own, present before the build, so installing the
// workspace links the command without a "Failed to create bin" warning; the code is the built one.
import "../dist/cli/drift-summary.js";
