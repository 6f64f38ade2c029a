export { type AngoClient, createAngoClient, createAngoRuntime } from "./client.js";
export {
  type AngoClientOptions,
  type AngoLogger,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
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
export type { CallOptions, OperationDescriptor, OperationRequest, OperationRunner } from "./operation.js";
export { redactKey } from "./redact.js";
export { RETRY_DEFAULTS, type RetryOptions } from "./retry.js";
export type { AngoRuntime } from "./runtime.js";
