// The contract between generated operation functions (src/generated/operations.ts) and the runtime.

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** How one operation is sent, as the spec describes it. Generated; never written by hand. */
export interface OperationDescriptor {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template relative to the server URL, e.g. `/batches/{projectId}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly headerParams: readonly string[];
  readonly requestContentType: string | undefined;
  readonly bodyRequired: boolean;
  readonly successStatuses: readonly number[];
  /** `json`: a 2xx must carry a JSON body; `text`: returned as a string; `none`: returns undefined. */
  readonly responseBody: "json" | "text" | "none";
}

/** The parts of one call, already split by where they go. */
export interface OperationRequest {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

/** Options for a single call; each overrides the client's setting for this call only. */
export interface CallOptions {
  /** Aborts the call; the abort reason is thrown as it is and the call is never retried. */
  signal?: AbortSignal;
  /** Time limit for each attempt, in milliseconds. */
  timeoutMs?: number;
  /** Retries after the first attempt (0 disables retries). */
  maxRetries?: number;
  /**
   * Whether repeating this call is safe. Unset: decided per operation (GET/PUT/DELETE are; a
   * `updateProjectBatches` whose batches all carry an `_id` is). `true` also retries failures where
   * the server may have acted (500, 502, 504, timeouts, dropped connections); `false` limits retries to
   * failures where it surely did not (refused connections, 429, 503).
   */
  idempotent?: boolean;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

export interface OperationRunner {
  call<T>(operation: OperationDescriptor, request: OperationRequest, options?: CallOptions): Promise<T>;
}
