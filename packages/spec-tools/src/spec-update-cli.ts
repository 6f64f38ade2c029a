// `pnpm spec:update <file> [--skip-checks] [--keep-on-failure]`: replace the spec, regenerate, write the
// changeset, run the checks. A failure at any step leaves spec/, the generated files and .changeset/ as
// they were (with --keep-on-failure, a failing check leaves the update in place to inspect).
import { resolve } from "node:path";
import { findRepoRoot, readDocumentFile, restoreFiles } from "@ango-hub/codegen";
import { describeUpdate, runChecks, updateSpec } from "./spec-update.js";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error(
    "Usage: pnpm spec:update <path/to/openapi.json|openapi.yaml> [--skip-checks] [--keep-on-failure]",
  );
  process.exit(2);
}
// pnpm runs this inside packages/codegen; the path is relative to where the user typed the command.
const input = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const root = findRepoRoot(process.cwd());
try {
  const result = await updateSpec(root, await readDocumentFile(input, "The new spec"));
  console.log(describeUpdate(result));
  if (!args.includes("--skip-checks")) {
    try {
      runChecks(root);
    } catch (error) {
      if (!args.includes("--keep-on-failure")) {
        await restoreFiles(root, result.previousFiles);
        console.error("The checks failed: spec/, the generated files and .changeset/ are back as they were.");
      }
      throw error;
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
