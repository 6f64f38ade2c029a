// `@ango-hub/client/internal`: the runtime's contract with generated code (contract.ts: what the codegen's
// `runtimeModule` imports), the spec's operations with their descriptors and binder, and what tools that
// walk the operations use (this repository's contract tests, the CLI). Not covered by semver: it changes
// whenever the codegen does.
export type { ApiAccess } from "./config.js";
export * from "./contract.js";
export * from "./generated/internal.js";
// Whether repeating a call is safe, as the retries decide it (an MCP tool's idempotentHint).
export { isIdempotentCall } from "./idempotency.js";
export type {
  BodyEncoder,
  HttpMethod,
  IdempotencyRule,
  OperationRequest,
  PageShape,
  ParameterDescriptor,
  ParamsSerializer,
} from "./operation.js";
// The key taken out of a parsed answer before a tool returns it (the MCP server).
export { scrubKeyDeep } from "./redact.js";
// A runtime on servers and a key header of the caller's (a client generated from another document).
export { AngoRuntime } from "./runtime.js";
export { specAccess } from "./spec-access.js";
export { CHECK_LIMITS, type CheckResult, checkResponse, type DriftFinding } from "./validation/check.js";
export { MAX_DRIFT_ENTRIES } from "./validation/drift.js";
// Response validation over a generated client's own plans (its generated responses/index.ts).
export { type ResponsePlans, type ResponseValidator, responseValidator } from "./validation/index.js";
export type { JsonType, ResponseShape } from "./validation/plan.js";
export { valueAt } from "./value-at.js";
