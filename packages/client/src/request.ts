// Turns a descriptor plus the caller's input into what fetch needs: URL, headers and body. The spec's
// serialisation rules live in the descriptor's own encoders (encoders.ts, params.ts), so a bundle
// carries only those its operations use. Nothing here touches the network or the key.
import { AngoInvalidRequestError } from "./errors.js";
import type { OperationDescriptor, OperationRequest } from "./operation.js";

export interface BuiltRequest {
  /** Path and query, relative to the base URL. */
  target: string;
  headers: Record<string, string>;
  body: BodyInit | undefined;
  /** The JSON text sent, for judging whether a retry is safe on exactly what went out. */
  jsonText: string | undefined;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_HEADER_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;

export function invalidRequest(operation: OperationDescriptor, what: string): AngoInvalidRequestError {
  return new AngoInvalidRequestError(`${operation.operationId}: ${what}; nothing was sent.`);
}

/** Why fetch would refuse this header, in words, or undefined when it is fine. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `name ${JSON.stringify(name)} is not a valid header name`;
  if (BAD_HEADER_VALUE.test(value))
    return `"${name}" has a value fetch cannot send (line breaks, control or non-Latin-1 characters)`;
  return undefined;
}

/**
 * Refuses a path parameter value that would change which URL is called or cannot be encoded. Slashes are
 * percent-encoded, but `.` and `..` are not and URL parsing resolves them (`/batches/..` becomes `/`).
 */
export function checkPathValue(operation: OperationDescriptor, name: string, value: unknown): void {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) checkPathValue(operation, name, item);
    return;
  }
  const problem = pathValueProblem(value);
  if (problem)
    throw invalidRequest(operation, `path parameter "${name}" ${problem}. Pass the real identifier`);
}

/** What is wrong with one path parameter value (not an object), or undefined. */
function pathValueProblem(value: unknown): string | undefined {
  const text = String(value);
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "must be a finite number";
  if (typeof value !== "string" && typeof value !== "boolean") return `must be a string, got ${text}`;
  if (text === "") return "is empty";
  if (text === "." || text === "..") return `is "${text}", which would change the URL's path`;
  try {
    encodeURIComponent(text);
  } catch {
    return "contains a lone UTF-16 surrogate, which cannot be encoded";
  }
  return undefined;
}

/**
 * The path template with its literal text made fit for a URL path: a character the spec writes there
 * that a URL would read otherwise (`#` would start a fragment, `?` a query; spaces, quotes, non-ASCII)
 * is percent-encoded, as a server's router decodes it. Parameters (`{name}`) are left for their values.
 */
export function encodedPathTemplate(template: string): string {
  return template.replace(/\{[^{}/]*\}|%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (part) =>
    part.startsWith("{") || (part.startsWith("%") && part.length === 3) ? part : encodeURIComponent(part),
  );
}

/** Methods fetch will not send, whatever the spec declares (the Fetch standard's forbidden methods). */
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(["CONNECT", "TRACE", "TRACK"]);

/**
 * Builds one request. Every check that can fail on the caller's input runs here, before anything is
 * sent, and fails with an AngoInvalidRequestError that names the operation and the value.
 */
export function buildRequest(operation: OperationDescriptor, request: OperationRequest): BuiltRequest {
  if (FORBIDDEN_METHODS.has(operation.method.toUpperCase()))
    throw invalidRequest(
      operation,
      `${operation.method} is a method fetch refuses to send (the Fetch standard forbids it), so no JavaScript client can make this call`,
    );
  let target = encodedPathTemplate(operation.path);
  let headers: Record<string, string> = {};
  if (operation.serializeParams) {
    ({ target, headers } = operation.serializeParams(operation, request));
  } else {
    // Plain path parameters (strings and numbers, the spec's default style): no serialiser needed.
    for (const param of operation.params) {
      const value = request.path?.[param.name];
      if (typeof value === "object" && value !== null)
        throw invalidRequest(
          operation,
          `path parameter "${param.name}" must be a string or a number, got ${Array.isArray(value) ? "an array" : "an object"}. Pass the real identifier`,
        );
      checkPathValue(operation, param.name, value);
      target = target.replaceAll(`{${param.name}}`, encodeURIComponent(String(value)));
    }
  }
  // Where the spec offers JSON beside other types, ask for JSON (under the types it declares for it): it is
  // what the client parses.
  if (operation.response === "json") headers.accept = operation.accept ?? "application/json";
  const body = operation.body;
  if (request.body === undefined || !body) {
    if (body?.required) throw invalidRequest(operation, "the request body is required; pass it as body");
    return { target, headers, body: undefined, jsonText: undefined };
  }
  const encoded = body.encode(request.body, operation);
  // fetch writes the multipart boundary itself; a wildcard type is no type at all.
  if (encoded.contentType !== false && !body.mediaType.includes("*"))
    headers["content-type"] = body.mediaType;
  return { target, headers, body: encoded.body, jsonText: encoded.jsonText };
}
