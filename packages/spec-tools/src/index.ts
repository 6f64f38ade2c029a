// The repository's tools for the vendor's document, apart from the generator they drive: the spec diff
// (what changed, and the semver bump it means), `spec:update` (take a new document, regenerate, write all
// or nothing) and the spec lint. The workflow and turbo checks are this package's tests.
export { type Bump, bumpFor, changesetFor, diffSpecs, type SpecChange } from "./spec-diff.js";
export { lintSpec, SpecLintError, type SpecLintResult } from "./spec-lint.js";
export {
  describeUpdate,
  runChecks,
  type SpecUpdateResult,
  UPDATE_CHECK_TASKS,
  updateSpec,
} from "./spec-update.js";
