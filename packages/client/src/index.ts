export { type AngoClient, createAngoClient, createAngoRuntime } from "./client.js";
export {
  type AngoClientOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  RETRY_DEFAULTS,
  type RetryOptions,
} from "./config.js";
export {
  AngoAPIError,
  AngoAuthenticationError,
  AngoConfigError,
  AngoConflictError,
  AngoConnectionError,
  AngoError,
  AngoInvalidRequestError,
  AngoNotFoundError,
  AngoPaginationError,
  AngoPermissionError,
  AngoRateLimitError,
  AngoRedirectError,
  AngoResponseParseError,
  AngoResponseValidationError,
  AngoServerError,
  AngoTimeoutError,
  AngoValidationError,
  type ConfigProblem,
  type ResponseInfo,
} from "./errors.js";
// Each operation's function, page iterator and types, and the servers; their descriptors are in ./contract-entry.ts (`@ango-hub/client/contract`).
export * from "./generated/index.js";
export type { FetchLike } from "./guarded-fetch.js";
export type { AngoLogger, LogLevel } from "./log.js";
export type {
  CallOptions,
  OperationRunner,
  PageOptions,
  ResponseValidationMode,
  ResponseWithData,
} from "./operation.js";
export { AngoPromise } from "./operation.js";
export { DEFAULT_MAX_PAGES } from "./paginate.js";
export { redactKey, scrubKey } from "./redact.js";
export type { AngoRuntime } from "./runtime.js";
export type { DriftProblem } from "./validation/check.js";
export type { DriftEvent, DriftReport, DriftReportEntry } from "./validation/drift.js";
