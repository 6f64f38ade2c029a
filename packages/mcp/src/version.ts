import { readFileSync } from "node:fs";

/** This package's version, as published (read beside the code: src/ in the repository, dist/ installed). */
export const VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;
