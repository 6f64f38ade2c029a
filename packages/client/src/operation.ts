// The contract between generated operation functions (src/generated/operations.ts) and the runtime: types,
// and the promise class every operation returns.

/** The HTTP methods an OpenAPI operation can use, as sent. */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** One path, query or header parameter. `style`/`explode` are omitted when they are the spec's default. */
export interface ParameterDescriptor {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly style?: "simple" | "label" | "matrix" | "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
  /** The spec gives the value a JSON media type (`content`): it is sent as its JSON text. */
  readonly json?: boolean;
}

/**
 * Puts a body on the wire (encoders.ts has one per kind of media type). `jsonText` is the JSON sent, if
 * any; `contentType: false` leaves the Content-Type header to fetch (multipart boundaries).
 */
export type BodyEncoder = (
  body: unknown,
  operation: OperationDescriptor,
) => { body: BodyInit; jsonText?: string; contentType?: false };

/** Serialises path, query, header and cookie parameters by the spec's style rules (params.ts). */
export type ParamsSerializer = (
  operation: OperationDescriptor,
  request: OperationRequest,
) => { target: string; headers: Record<string, string> };

/**
 * When repeating a non-idempotent method is still safe, from the codegen's overrides file: every item of
 * the array at `every` carries a non-empty `has` (e.g. every batch names its `_id`).
 */
export interface IdempotencyRule {
  readonly every: string;
  readonly has: string;
}

/** How one operation is sent, as the spec describes it. Generated; never written by hand. */
export interface OperationDescriptor {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template relative to the server URL, e.g. `/batches/{projectId}`. */
  readonly path: string;
  readonly params: readonly ParameterDescriptor[];
  readonly body?: {
    readonly mediaType: string;
    readonly required: boolean;
    readonly encode: BodyEncoder;
  };
  /**
   * Set when the operation has query, header or cookie parameters, or path parameters with a style or a
   * non-scalar type; without it only plain path parameters are sent.
   */
  readonly serializeParams?: ParamsSerializer;
  /** How a 2xx body is read: parsed JSON, a string, a Blob, or nothing (undefined). */
  readonly response: "json" | "text" | "blob" | "none";
  /**
   * Success statuses the spec declares without a body (another success has one) or without a schema for
   * it: an empty answer is no body (undefined), not broken JSON.
   */
  readonly bodiless?: readonly number[];
  /** The Accept header of a `json` operation whose JSON comes under other types (`application/vnd.api+json`). */
  readonly accept?: string;
  /** Success statuses of a `json` operation declared with no JSON type (a PDF beside JSON): read as a Blob. */
  readonly binary?: readonly number[];
  /** `true`/`false` overrides the method's default (GET, PUT, DELETE... are idempotent); a rule decides per body. */
  readonly idempotent?: boolean | IdempotencyRule;
  readonly deprecated?: boolean;
  /** Set for a list operation: how it pages (the codegen's conventions decide it from the spec). */
  readonly pagination?: PageShape;
  /**
   * The key of the operation's response plan among the generated plans (`generated/responses/index.ts`),
   * which response validation looks up; the descriptor holds no reference to the plan itself, so a
   * bundle without validation carries no plan.
   */
  readonly responsePlan?: string;
}

/**
 * How a list operation pages, as data the codegen writes from its conventions: the runtime and the CLI
 * know no API's names. Ango's: `page` from 1 and `limit` up to 100, items at `data.<items>`, the count at
 * `data.total`.
 */
export interface PageShape {
  /** The query parameter of the page number. */
  readonly pageParam: string;
  /** The number of the first page. */
  readonly firstPage: number;
  /** The query parameter of the page size. */
  readonly limitParam: string;
  /** The largest page size the spec allows, and the size asked for unless the input sets one. */
  readonly pageSize: number;
  /** Property names from the success body to the page's items. */
  readonly items: readonly string[];
  /** Property names from the success body to the total count of items, where the server gives one. */
  readonly total: readonly string[];
}

/**
 * Whether responses are checked against the spec: `"off"` (no check), `"observe"` (report drift, never
 * throw), `"enforce"` (throw AngoResponseValidationError on breaking drift in a 2xx).
 */
export type ResponseValidationMode = "off" | "observe" | "enforce";

/** The parts of one call, already split by where they go. */
export interface OperationRequest {
  path?: Record<string, unknown>;
  query?: Record<string, unknown> | undefined;
  headers?: Record<string, unknown> | undefined;
  cookies?: Record<string, unknown> | undefined;
  body?: unknown;
}

/** Options for a single call; each overrides the client's setting for this call only. */
export interface CallOptions {
  /** Aborts the call; the abort reason is thrown as it is and the call is never retried. */
  signal?: AbortSignal | undefined;
  /** Time limit for each attempt, in milliseconds (at most 2147483647). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (0 disables retries). */
  maxRetries?: number | undefined;
  /**
   * Whether repeating this call is safe. Unset: decided per operation (GET/PUT/DELETE are; a POST only
   * where the spec's overrides give a rule, e.g. `updateProjectBatches` whose batches all carry an
   * `_id`). `true` also retries failures where the server may have acted (500, 502, 504, timeouts,
   * dropped connections); `false` limits retries to failures where it surely did not (refused
   * connections, 429, 503).
   */
  idempotent?: boolean | undefined;
  /** Extra request headers for this call. The API key header cannot be set here. */
  headers?: Record<string, string> | undefined;
  /** Response validation for this call; see AngoClientOptions.validateResponses. */
  validateResponses?: ResponseValidationMode | undefined;
}

/** Options of a page iterator: a call's options, applied to every page, and where to stop. */
export interface PageOptions extends CallOptions {
  /**
   * Pages to fetch at most. Reaching a limit you set ends the walk quietly; reaching the default
   * (DEFAULT_MAX_PAGES, 1000) while pages remain throws AngoPaginationError. `Infinity` removes it.
   */
  maxPages?: number | undefined;
  /** Items to yield at most; the walk ends quietly there. */
  maxItems?: number | undefined;
}

/** A successful call with what came with it. */
export interface ResponseWithData<T> {
  data: T;
  /** The HTTP status, e.g. 200 or 201. */
  status: number;
  /** The response's headers, with the API key scrubbed from every value. */
  headers: Headers;
  /** The URL that answered (after same-origin redirects), with the API key scrubbed. */
  url: string;
  /** From the first request-id header the response carries, if any. */
  requestId: string | undefined;
  /** A copy of the Response with the scrubbed headers and no body (the client has read it into `data`). */
  response: Response;
}

/**
 * What every operation returns: a Promise of the parsed body that can also give the status, headers and
 * request id with `.withResponse()` (the call is made once either way, when the operation is called).
 */
export class AngoPromise<T> extends Promise<T> {
  // then/catch/finally give plain Promises: this constructor is not an executor's.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #sent: Promise<{ data: T; response: Response }>;
  readonly #describe: (data: T, response: Response) => ResponseWithData<T>;
  #withResponse: Promise<ResponseWithData<T>> | undefined;

  /**
   * `sent` settles with the parsed body and the Response it came in; `describe` turns them into what
   * `withResponse()` gives, only when it is asked for.
   */
  constructor(
    sent: Promise<{ data: T; response: Response }>,
    describe: (data: T, response: Response) => ResponseWithData<T>,
  ) {
    super((resolve, reject) => {
      sent.then(({ data }) => resolve(data), reject);
    });
    this.#sent = sent;
    this.#describe = describe;
  }

  /** The parsed body with the status, headers (key scrubbed), URL and request id of its response. */
  withResponse(): Promise<ResponseWithData<T>> {
    if (!this.#withResponse) {
      this.#withResponse = this.#sent.then(({ data, response }) => this.#describe(data, response));
      // The caller awaits this promise instead: a failure is theirs through it, not unhandled here too.
      this.catch(() => {});
    }
    return this.#withResponse;
  }
}

/** What the standalone operation functions take: the runtime from `createAngoRuntime()` (or a client). */
export interface OperationRunner {
  /** Sends one operation from its descriptor (`@ango-hub/client/contract`); see AngoRuntime. */
  call<T>(operation: OperationDescriptor, request: OperationRequest, options?: CallOptions): AngoPromise<T>;
}
