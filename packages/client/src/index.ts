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
  AngoPermissionError,
  AngoRateLimitError,
  AngoRedirectError,
  AngoResponseParseError,
  AngoServerError,
  AngoTimeoutError,
  AngoValidationError,
} from "./errors.js";
export * from "./generated/operations.js";
export * from "./generated/servers.js";
export type { AngoLogger, LogLevel } from "./log.js";
export type {
  AngoPromise,
  CallOptions,
  OperationDescriptor,
  OperationRequest,
  OperationRunner,
  ResponseWithData,
} from "./operation.js";
export { redactKey } from "./redact.js";
export type { AngoRuntime } from "./runtime.js";
