// `@ango-hub/client/internal`: the contract between the generated code and the runtime (each operation's
// descriptor, the binder, the encoders and serialisers a descriptor names, and every name a client
// generated elsewhere imports: codegen's `runtimeModule`). For tools and tests that walk
// the spec's operations, such as this repository's contract tests. Not covered by semver: it changes
// whenever the codegen does.
export type { ApiAccess } from "./config.js";
export { binaryBody, formBody, jsonBody, multipartBody, textBody } from "./encoders.js";
export * from "./generated/operations.js";
export type {
  AngoPromise,
  BodyEncoder,
  CallOptions,
  HttpMethod,
  IdempotencyRule,
  OperationDescriptor,
  OperationRequest,
  OperationRunner,
  PageOptions,
  PageShape,
  ParameterDescriptor,
  ParamsSerializer,
} from "./operation.js";
export { paginate, valueAt } from "./paginate.js";
export { styledParams } from "./params.js";
// A runtime on servers and a key header of the caller's (a client generated from another document).
export { AngoRuntime } from "./runtime.js";
export { specAccess } from "./spec-access.js";
export { CHECK_LIMITS, type CheckResult, checkResponse, type DriftFinding } from "./validation/check.js";
export { MAX_DRIFT_ENTRIES } from "./validation/drift.js";
// Response validation over a generated client's own plans (its generated responses/index.ts).
export { type ResponsePlans, type ResponseValidator, responseValidator } from "./validation/index.js";
export type { JsonType, ResponsePlan, ResponseShape, ShapeNode } from "./validation/plan.js";
