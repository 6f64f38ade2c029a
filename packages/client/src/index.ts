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
  AngoServerError,
  AngoTimeoutError,
  AngoValidationError,
  type ResponseInfo,
} from "./errors.js";
export * from "./generated/operations.js";
export * from "./generated/servers.js";
export type { FetchLike } from "./guarded-fetch.js";
export type { AngoLogger, LogLevel } from "./log.js";
export type {
  BodyEncoder,
  CallOptions,
  HttpMethod,
  IdempotencyRule,
  OperationDescriptor,
  OperationRequest,
  OperationRunner,
  PageOptions,
  ParameterDescriptor,
  ParamsSerializer,
  ResponseWithData,
} from "./operation.js";
export { AngoPromise } from "./operation.js";
export { DEFAULT_MAX_PAGES } from "./paginate.js";
export { redactKey } from "./redact.js";
export type { AngoRuntime } from "./runtime.js";
