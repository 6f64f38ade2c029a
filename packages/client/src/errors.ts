// One class per failure a caller handles differently. All extend AngoError; every failure that
// came with an HTTP response extends AngoAPIError. None of them ever holds the API key.

export class AngoError extends Error {
  override name = "AngoError";
}

/** The client was configured wrongly (missing key, unknown server, insecure URL). Fix the options. */
export class AngoConfigError extends AngoError {
  override name = "AngoConfigError";
}

/** The call's input was refused before anything was sent (e.g. a path parameter of `..`). Fix the call. */
export class AngoInvalidRequestError extends AngoError {
  override name = "AngoInvalidRequestError";
}

/** What an AngoAPIError is built from: the response and the request it answered. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body was JSON, the text otherwise, undefined when empty. */
  body: unknown;
  method: string;
  url: string;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray"];

/** The first request-id header a response carries, if any. */
export function requestIdOf(headers: Headers): string | undefined {
  return REQUEST_ID_HEADERS.map((h) => headers.get(h)).find((v) => v) ?? undefined;
}

function describeBody(body: unknown): string {
  if (body === undefined || body === "") return "";
  if (typeof body === "object" && body !== null) {
    const record = body as Record<string, unknown>;
    const message = [record.message, record.error, record.detail].find((m) => typeof m === "string");
    if (message) return `: ${truncate(message as string)}`;
    return `: ${truncate(JSON.stringify(body))}`;
  }
  return `: ${truncate(String(body))}`;
}

function truncate(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The server answered with a status the call does not accept. `TBody` is for narrowing `body` to the
 * error body the spec declares, e.g. `AngoAPIError<ListProjectsErrorBody>`; the client does not check it.
 */
export class AngoAPIError<TBody = unknown> extends AngoError {
  override name = "AngoAPIError";
  readonly status: number;
  readonly headers: Headers;
  readonly body: TBody;
  /** From the first request-id header the response carries, if any. */
  readonly requestId: string | undefined;
  readonly method: string;
  /** The request URL (the key is sent in a header, never in the URL). */
  readonly url: string;

  constructor(info: ResponseInfo, message?: string) {
    super(message ?? `${info.status} from ${info.method} ${info.url}${describeBody(info.body)}`);
    this.status = info.status;
    this.headers = info.headers;
    this.body = info.body as TBody;
    this.method = info.method;
    this.url = info.url;
    this.requestId = requestIdOf(info.headers);
  }
}

/** 400 or 422: the server rejected the input. Fix the request; retrying will not help. */
export class AngoValidationError extends AngoAPIError {
  override name = "AngoValidationError";
}
/** 401: the API key is missing, wrong or revoked. */
export class AngoAuthenticationError extends AngoAPIError {
  override name = "AngoAuthenticationError";
}
/** 403: the key is valid but may not do this. */
export class AngoPermissionError extends AngoAPIError {
  override name = "AngoPermissionError";
}
/** 404: no such resource (e.g. an unknown project id). */
export class AngoNotFoundError extends AngoAPIError {
  override name = "AngoNotFoundError";
}
/** 409: the change conflicts with the resource's current state. */
export class AngoConflictError extends AngoAPIError {
  override name = "AngoConflictError";
}
/** 429: too many requests. `retryAfterMs` says how long the server asked to wait, when it did. */
export class AngoRateLimitError extends AngoAPIError {
  override name = "AngoRateLimitError";
  readonly retryAfterMs: number | undefined;
  constructor(info: ResponseInfo, retryAfterMs: number | undefined) {
    super(info);
    this.retryAfterMs = retryAfterMs;
  }
}
/** 5xx: the server failed. */
export class AngoServerError extends AngoAPIError {
  override name = "AngoServerError";
}
/** A 2xx whose body is not what the spec promises (not JSON, or empty). `body` holds the raw text. */
export class AngoResponseParseError extends AngoAPIError {
  override name = "AngoResponseParseError";
}

/** No usable response: the connection failed or was dropped. `code` is the network error code, if known. */
export class AngoConnectionError extends AngoError {
  override name = "AngoConnectionError";
  readonly method: string;
  readonly url: string;
  readonly code: string | undefined;
  constructor(
    message: string,
    details: { method: string; url: string; code?: string | undefined; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.code = details.code;
  }
}

/** An attempt took longer than `timeoutMs`. */
export class AngoTimeoutError extends AngoConnectionError {
  override name = "AngoTimeoutError";
  readonly timeoutMs: number;
  constructor(details: { method: string; url: string; timeoutMs: number }) {
    super(`${details.method} ${details.url} timed out after ${details.timeoutMs} ms`, {
      ...details,
      code: "ETIMEDOUT",
    });
    this.timeoutMs = details.timeoutMs;
  }
}

/** The server redirected somewhere the client will not follow (another origin, or a body it cannot replay). */
export class AngoRedirectError extends AngoError {
  override name = "AngoRedirectError";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** Where the server pointed, without path or query when it is another origin. */
  readonly location: string;
  constructor(message: string, details: { status: number; method: string; url: string; location: string }) {
    super(message);
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.location = details.location;
  }
}

/** The error class for an HTTP status that is not a success. */
export function apiErrorFor(info: ResponseInfo, retryAfterMs: number | undefined): AngoAPIError {
  switch (info.status) {
    case 400:
    case 422:
      return new AngoValidationError(info);
    case 401:
      return new AngoAuthenticationError(info);
    case 403:
      return new AngoPermissionError(info);
    case 404:
      return new AngoNotFoundError(info);
    case 409:
      return new AngoConflictError(info);
    case 429:
      return new AngoRateLimitError(info, retryAfterMs);
    default:
      return info.status >= 500 ? new AngoServerError(info) : new AngoAPIError(info);
  }
}
