export { type GeneratedFile, type GenerateOptions, generate } from "./generate.js";
export {
  type ApiModel,
  type OperationModel,
  readApiModel,
  SpecError,
  schemaTypeName,
  serverKey,
} from "./model.js";
export { driftMessage, findDrift, findRepoRoot, generateRepo, REPO_TARGETS, writeFiles } from "./repo.js";
