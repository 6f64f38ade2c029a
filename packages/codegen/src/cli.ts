#!/usr/bin/env node
// `ango-codegen` writes the generated files; `ango-codegen --check` only reports drift (exit 1).
import {
  driftMessage,
  findDrift,
  findRepoRoot,
  generateRepoWithNotices,
  REPO_OWNED_DIRS,
  writeFiles,
} from "./repo.js";

const root = findRepoRoot(process.cwd());
const { files, notices } = await generateRepoWithNotices(root);
for (const notice of notices) console.warn(`note: ${notice.where}: ${notice.message}`);
if (process.argv.includes("--check")) {
  const drifted = await findDrift(root, files, REPO_OWNED_DIRS);
  if (drifted.length > 0) {
    console.error(driftMessage(drifted));
    process.exit(1);
  }
  console.log(`${files.length} generated files match the spec.`);
} else {
  await writeFiles(root, files, REPO_OWNED_DIRS);
  for (const file of files) console.log(`wrote ${file.path}`);
}
