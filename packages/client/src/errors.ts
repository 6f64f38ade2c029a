// One class per failure a caller handles differently. All extend AngoError; every failure that
// came with an HTTP response extends AngoAPIError. None of them ever holds the API key.
// Each constructor takes the fields its class declares, so a caller (or a test) cannot build one half-filled.
// The fields are `declare`d: the constructors set every one, and an emitted field would only add bytes.
import type { DriftEvent } from "./validation/drift.js";
import { valueAt } from "./value-at.js";

export class AngoError extends Error {
  override name = "AngoError";
  /** `cause` is kept as the standard `error.cause`. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** What is wrong with an option: not given, not a value it takes, or a plain http URL off loopback. */
export type ConfigProblem = "missing" | "invalid" | "insecure";

/** The client was configured wrongly (missing key, unknown server, insecure URL). Fix the options. */
export class AngoConfigError extends AngoError {
  override name = "AngoConfigError";
  /**
   * The option at fault, by its name in AngoClientOptions (`apiKey`, `server`, `logLevel`,
   * `retry.baseDelayMs`, ...), so a tool can name its own flag or variable for it.
   */
  declare readonly option: string | undefined;
  declare readonly problem: ConfigProblem | undefined;
  /** For an `invalid` option: what it must be (`"a whole number from 0 to 100"`). */
  declare readonly expected: string | undefined;
  /** What was given instead, as the message shows it (quoted and cut; for `insecure`, the URL's host). */
  declare readonly received: string | undefined;

  constructor(
    message: string,
    option?: string,
    problem?: ConfigProblem,
    detail: { expected?: string | undefined; received?: string | undefined } = {},
  ) {
    super(message);
    this.option = option;
    this.problem = problem;
    this.expected = detail.expected;
    this.received = detail.received;
  }
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
  /** What the body says went wrong, in words, where the spec says error bodies keep it (serverMessage). */
  serverMessage?: string | undefined;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray"];

/** The first request-id header a response carries, if any. */
export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * What an error body says in words: the first string at one of `paths` (the spec's `errorMessagePaths`,
 * e.g. `message` for Ango's `{ status, message }`, `error.message` for `{ error: { message } }`).
 */
export function serverMessage(body: unknown, paths: readonly (readonly string[])[]): string | undefined {
  for (const path of paths) {
    const value = valueAt(body, path);
    if (typeof value === "string") return value;
  }
  return undefined;
}

/** The body's message (serverMessage), else the body itself, on one short line. */
function describeBody(info: ResponseInfo): string {
  const { body } = info;
  if (body === undefined || body === "") return "";
  const text = info.serverMessage ?? (typeof body === "string" ? body : JSON.stringify(body));
  const flat = text.replace(/\s+/g, " ").trim();
  return `: ${flat.length > 200 ? `${flat.slice(0, 200)}…` : flat}`;
}

/**
 * The server answered with a status the call does not accept. `TBody` is for narrowing `body` to the
 * error body the spec declares, e.g. `AngoAPIError<ListProjectsErrorBody>`; the client does not check it.
 */
export class AngoAPIError<TBody = unknown> extends AngoError {
  override name = "AngoAPIError";
  declare readonly status: number;
  declare readonly headers: Headers;
  declare readonly body: TBody;
  /** From the first request-id header the response carries, if any. */
  declare readonly requestId: string | undefined;
  /** What the server said went wrong, in its words, when its error body has a message where the spec puts it. */
  declare readonly serverMessage: string | undefined;
  declare readonly method: string;
  /** The request URL (the key is sent in a header, never in the URL). */
  declare readonly url: string;
  /**
   * How long the server asked to wait before a retry (`Retry-After`, as delta-seconds or an HTTP-date), in
   * ms; undefined when it did not say. Read once here: the retry loop uses this value.
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(info: ResponseInfo, message?: string) {
    super(message ?? `${info.status} from ${info.method} ${info.url}${describeBody(info)}`);
    this.status = info.status;
    this.serverMessage = info.serverMessage;
    this.headers = info.headers;
    this.body = info.body as TBody;
    this.method = info.method;
    this.url = info.url;
    this.requestId = requestIdOf(info.headers);
    this.retryAfterMs = parseRetryAfter(info.headers.get("retry-after"));
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
/** `Retry-After` (delta-seconds or HTTP-date) in ms, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  const ms = Number.isNaN(seconds) ? Date.parse(value) - now : seconds * 1000;
  return Number.isNaN(ms) ? undefined : Math.max(0, Math.round(ms));
}

/** 429: too many requests. `retryAfterMs` says how long the server asked to wait, when it did. */
export class AngoRateLimitError extends AngoAPIError {
  override name = "AngoRateLimitError";
}
/** 5xx: the server failed. */
export class AngoServerError extends AngoAPIError {
  override name = "AngoServerError";
}
/** A 2xx whose body is not what the spec promises (not JSON, or empty). `body` holds the raw text. */
export class AngoResponseParseError extends AngoAPIError {
  override name = "AngoResponseParseError";
}

/**
 * With `validateResponses: "enforce"`: a 2xx whose body, status or content type breaks what the spec
 * promises (a missing required field, a wrong type, an unexpected null, ...). Additive drift (an extra
 * field, an unknown enum value) never throws. `drift` lists what was found, by kind and JSON pointer;
 * `body` is the parsed body, with the key scrubbed.
 */
export class AngoResponseValidationError extends AngoAPIError {
  override name = "AngoResponseValidationError";
  declare readonly operationId: string;
  declare readonly drift: readonly DriftEvent[];

  constructor(
    info: ResponseInfo,
    details: { operationId: string; drift: readonly DriftEvent[] },
    message: string,
  ) {
    super(info, message);
    this.operationId = details.operationId;
    this.drift = details.drift;
  }
}

/** No usable response: the connection failed or was dropped. `code` is the network error code, if known. */
export class AngoConnectionError extends AngoError {
  override name = "AngoConnectionError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly code: string | undefined;

  constructor(
    message: string,
    details: { method: string; url: string; code: string | undefined },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.method = details.method;
    this.url = details.url;
    this.code = details.code;
  }
}

/** An attempt took longer than `timeoutMs`. `code` is `ETIMEDOUT`. */
export class AngoTimeoutError extends AngoConnectionError {
  override name = "AngoTimeoutError";
  declare readonly timeoutMs: number;

  constructor(message: string, details: { method: string; url: string; timeoutMs: number }) {
    super(message, { method: details.method, url: details.url, code: "ETIMEDOUT" });
    this.timeoutMs = details.timeoutMs;
  }
}

/** The server redirected somewhere the client will not follow (another origin, or a body it cannot replay). */
export class AngoRedirectError extends AngoError {
  override name = "AngoRedirectError";
  declare readonly status: number;
  declare readonly method: string;
  declare readonly url: string;
  /** Where the server pointed, without path or query when it is another origin ("" when it is hidden). */
  declare readonly location: string;

  constructor(message: string, details: { status: number; method: string; url: string; location: string }) {
    super(message);
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.location = details.location;
  }
}

/**
 * A page iterator stopped because the list's answers cannot be walked safely: a page that is not a list,
 * more items than asked for, a page that repeats the one before, or more pages than the iterator's
 * `maxPages` allows. Every item yielded before it is valid; nothing after it is guessed.
 */
export class AngoPaginationError extends AngoError {
  override name = "AngoPaginationError";
  declare readonly operationId: string;
  /** The page (from 1) whose answer stopped the walk. */
  declare readonly page: number;

  constructor(message: string, details: { operationId: string; page: number }) {
    super(message);
    this.operationId = details.operationId;
    this.page = details.page;
  }
}

/** The error class of each status a caller handles differently; others are AngoServerError (5xx) or AngoAPIError. */
const ERROR_CLASS_BY_STATUS: ReadonlyMap<number, new (info: ResponseInfo) => AngoAPIError> = new Map([
  [400, AngoValidationError],
  [401, AngoAuthenticationError],
  [403, AngoPermissionError],
  [404, AngoNotFoundError],
  [409, AngoConflictError],
  [422, AngoValidationError],
  [429, AngoRateLimitError],
]);

/** The error class for an HTTP status that is not a success. */
export function apiErrorFor(info: ResponseInfo): AngoAPIError {
  const ErrorClass =
    ERROR_CLASS_BY_STATUS.get(info.status) ?? (info.status >= 500 ? AngoServerError : AngoAPIError);
  return new ErrorClass(info);
}
