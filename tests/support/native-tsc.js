// TypeScript 7's compiler (the native port, `typescript-7` here), one path for every caller: the
// packages' `typecheck` task (typecheck.js), README examples no test runs (readme-example.ts) and the
// census's strict check. Plain JavaScript: typecheck.js is a bin Node runs as it is.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The compiler's JavaScript entry, run with `node` (its executable is also called `tsc`). */
export const nativeTsc = join(
  dirname(createRequire(import.meta.url).resolve("typescript-7/package.json")),
  "bin",
  "tsc",
);
