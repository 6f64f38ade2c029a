export { checkDocumentSize, DOCUMENT_LIMITS, readDocumentFile, readDocumentText } from "./document-checks.js";
export { commandsOf, kebabCase } from "./emit-commands.js";
export { RESPONSE_INDEX_FILE, RESPONSE_SCHEMAS_FILE } from "./emit-responses.js";
export { toolsOf } from "./emit-tools.js";
export { MAX_FORMATTED_BYTES } from "./format.js";
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
  compareCodeUnits,
  type ModelNotice,
  type OperationModel,
  operationName,
  readApiModel,
  readOverrides,
  resolveRef,
  SpecError,
  schemaTypeName,
  serverKey,
  serverUrlProblem,
} from "./model.js";
export { isObject, type Json } from "./refs.js";
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
export { plainText } from "./text.js";
export { SCHEMA_NOTES } from "./tool-schemas.js";
