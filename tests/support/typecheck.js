#!/usr/bin/env node
// `ango-typecheck`: every package's `typecheck` task, `tsc --noEmit` over its tsconfig with TypeScript 7
// (the native port: about a fifth of 5.9's CPU time per package here, and the suite runs 17 of these
// tasks, twice with the update rehearsal). The published declarations are still built and read by 5.9
// (tsup's dts build, the consumer tests' strict compile, the hover tests), so both compilers
// see this code. Named apart because TypeScript 7's executable is also called `tsc`.
import { spawnSync } from "node:child_process";
import { nativeTsc } from "./native-tsc.js";

const result = spawnSync(process.execPath, [nativeTsc, "--noEmit", ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
