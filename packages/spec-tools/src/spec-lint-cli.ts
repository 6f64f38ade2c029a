// `pnpm lint:spec [--report FILE]`: the spec lint (spec-lint.ts) on this repository's spec. It prints
// what it found, writes FILE as Markdown for the update's pull request, and fails only on a structural
// problem (exit 1); exit 2 when Redocly gave no findings to read.
import { writeFileSync } from "node:fs";
import { findRepoRoot } from "@ango-hub/codegen";
import { lintSpec, SpecLintError } from "./spec-lint.js";

const reportIndex = process.argv.indexOf("--report");
const reportPath = reportIndex > 0 ? process.argv[reportIndex + 1] : undefined;
try {
  const { summary, markdown, failed } = await lintSpec(findRepoRoot(process.cwd()));
  console.log(summary);
  if (reportPath) writeFileSync(reportPath, markdown);
  process.exit(failed ? 1 : 0);
} catch (error) {
  if (!(error instanceof SpecLintError)) throw error;
  console.error(error.message);
  process.exit(2);
}
