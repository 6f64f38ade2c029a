#!/usr/bin/env node
// `ango-codegen` writes the generated files; `ango-codegen --check` only reports outdated ones (exit 1).
import {
  findOutdatedFiles,
  findRepoRoot,
  generateRepoWithNotices,
  outdatedMessage,
  REPO_OWNED_DIRS,
  writeFiles,
} from "./repo.js";

const root = findRepoRoot(process.cwd());
const { files, notices } = await generateRepoWithNotices(root);
for (const notice of notices) console.warn(`note: ${notice.where}: ${notice.message}`);
if (process.argv.includes("--check")) {
  const outdated = await findOutdatedFiles(root, files, REPO_OWNED_DIRS);
  if (outdated.length > 0) {
    console.error(outdatedMessage(outdated));
    process.exit(1);
  }
  console.log(`${files.length} generated files match the spec.`);
} else {
  await writeFiles(root, files, REPO_OWNED_DIRS);
  for (const file of files) console.log(`wrote ${file.path}`);
}
