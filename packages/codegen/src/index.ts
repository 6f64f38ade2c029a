export { DOCUMENT_LIMITS } from "./document-checks.js";
export { commandsOf, kebabCase } from "./emit-commands.js";
export { RESPONSE_INDEX_FILE, RESPONSE_SCHEMAS_FILE } from "./emit-responses.js";
export {
  type GeneratedFile,
  type GenerateOptions,
  type GenerateProfile,
  generate,
  generateWithNotices,
} from "./generate.js";
export {
  type ApiModel,
  CLIENT_MEMBER_NAMES,
  type ModelNotice,
  type OperationModel,
  operationName,
  readApiModel,
  readOverrides,
  SpecError,
  schemaTypeName,
  serverKey,
  serverUrlProblem,
} from "./model.js";
export {
  type FileSnapshot,
  findOutdatedFiles,
  findRepoRoot,
  generateRepo,
  generateRepoWithNotices,
  outdatedMessage,
  REPO_OWNED_DIRS,
  REPO_TARGETS,
  readRepoSpec,
  repoSpecFile,
  restoreFiles,
  SEED_TARGETS,
  specFileFor,
  writeFiles,
} from "./repo.js";
export { type Bump, bumpFor, changesetFor, diffSpecs, type SpecChange } from "./spec-diff.js";
export { describeUpdate, runChecks, type SpecUpdateResult, updateSpec } from "./spec-update.js";
