// `pnpm spec:update <file> [--skip-checks]`: replace the spec, regenerate, write the changeset, run the checks.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { findRepoRoot } from "./repo.js";
import { describeUpdate, runChecks, updateSpec } from "./spec-update.js";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: pnpm spec:update <path/to/openapi.json> [--skip-checks]");
  process.exit(2);
}
// pnpm runs this inside packages/codegen; the path is relative to where the user typed the command.
const input = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const root = findRepoRoot(process.cwd());
try {
  const result = await updateSpec(root, await readFile(input, "utf8"));
  console.log(describeUpdate(result));
  if (!args.includes("--skip-checks")) runChecks(root);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
