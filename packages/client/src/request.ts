// Turns a descriptor plus the caller's input into what fetch needs: URL, headers and body, serialised as
// the spec says (parameter style/explode, body encoding). Nothing here touches the network or the key.
import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import { AngoInvalidRequestError } from "./errors.js";
import type { OperationDescriptor, OperationRequest, ParameterDescriptor } from "./operation.js";

export interface BuiltRequest {
  /** Path and query, relative to the base URL. */
  target: string;
  headers: Record<string, string>;
  body: BodyInit | undefined;
  /** The JSON text sent, for judging whether a retry is safe on exactly what went out. */
  jsonText: string | undefined;
}

// C0, DEL and C1 controls never belong in a URL path segment.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function invalid(operation: OperationDescriptor, what: string): AngoInvalidRequestError {
  return new AngoInvalidRequestError(`${operation.operationId}: ${what}; nothing was sent.`);
}

/**
 * Why a path parameter value would change which URL is called, if it would. Slashes are percent-encoded,
 * but `.` and `..` are not and URL parsing resolves them (`/batches/..` becomes `/`).
 */
function pathValueProblem(value: unknown): string | undefined {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return typeof value === "number" && !Number.isFinite(value) ? "must be a finite number" : undefined;
  if (Array.isArray(value) || (typeof value === "object" && value !== null))
    return Object.values(value).some((v) => pathValueProblem(v))
      ? "holds a value that is not allowed"
      : undefined;
  if (typeof value !== "string") return `must be a string, got ${value === null ? "null" : typeof value}`;
  if (value === "") return "is empty";
  if (value === "." || value === "..") return `is "${value}", which would change the URL's path`;
  if (CONTROL_CHARACTERS.test(value)) return "contains control characters";
  if (LONE_SURROGATE.test(value)) return "contains a lone UTF-16 surrogate, which cannot be encoded";
  return undefined;
}

function serializePathParam(param: ParameterDescriptor, value: unknown): string {
  const style = (param.style ?? "simple") as "simple" | "label" | "matrix";
  const explode = param.explode ?? false;
  if (Array.isArray(value)) return serializeArrayParam(param.name, value, { style, explode });
  if (typeof value === "object" && value !== null)
    return serializeObjectParam(param.name, value as Record<string, unknown>, { style, explode });
  const encoded = encodeURIComponent(String(value));
  return style === "label" ? `.${encoded}` : style === "matrix" ? `;${param.name}=${encoded}` : encoded;
}

function serializeQueryParam(param: ParameterDescriptor, value: unknown): string {
  const options = { allowReserved: param.allowReserved === true };
  if (Array.isArray(value)) {
    const style = (param.style ?? "form") as "form" | "spaceDelimited" | "pipeDelimited";
    return serializeArrayParam(param.name, value, { ...options, style, explode: param.explode ?? true });
  }
  if (typeof value === "object" && value !== null) {
    const style = (param.style ?? "form") as "form" | "deepObject";
    const record = value as Record<string, unknown>;
    return serializeObjectParam(param.name, record, { ...options, style, explode: param.explode ?? true });
  }
  return serializePrimitiveParam(param.name, String(value), options);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_HEADER_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;

/** Why fetch would refuse this header, in words, or undefined when it is fine. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `name ${JSON.stringify(name)} is not a valid header name`;
  if (BAD_HEADER_VALUE.test(value))
    return `"${name}" has a value fetch cannot send (line breaks, control or non-Latin-1 characters)`;
  return undefined;
}

function headerValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "object" && value !== null) return Object.entries(value).flat().join(",");
  return String(value);
}

/** A multipart or form field: files and text as they are, other objects as JSON (the spec's default). */
function fieldValue(value: unknown): string | Blob {
  if (value instanceof Blob) return value;
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function encodeBody(operation: OperationDescriptor, body: unknown): { body: BodyInit; jsonText?: string } {
  const encoding = operation.body?.encoding ?? "json";
  if (encoding === "json") {
    const jsonText = JSON.stringify(body);
    return { body: jsonText, jsonText };
  }
  if (encoding === "multipart" || encoding === "form") {
    if (body instanceof FormData || body instanceof URLSearchParams) return { body };
    if (typeof body !== "object" || body === null)
      throw invalid(operation, `the ${operation.body?.mediaType} body must be an object of fields`);
    const form = encoding === "multipart" ? new FormData() : new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item === undefined) continue;
        const field = fieldValue(item);
        if (form instanceof FormData) form.append(name, field);
        else if (typeof field === "string") form.append(name, field);
        else
          throw invalid(
            operation,
            `field "${name}" is a file, which ${operation.body?.mediaType} cannot carry`,
          );
      }
    }
    return { body: form };
  }
  return { body: encoding === "text" ? String(body) : (body as BodyInit) };
}

/**
 * Builds one request. Every check that can fail on the caller's input runs here, before anything is
 * sent, and fails with an AngoInvalidRequestError that names the operation and the value.
 */
export function buildRequest(operation: OperationDescriptor, request: OperationRequest): BuiltRequest {
  let path = operation.path;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const param of operation.params) {
    const source =
      param.in === "path"
        ? request.path
        : param.in === "query"
          ? request.query
          : param.in === "header"
            ? request.headers
            : request.cookies;
    const value = source?.[param.name];
    if (param.in === "path") {
      const problem = pathValueProblem(value);
      if (problem)
        throw invalid(operation, `path parameter "${param.name}" ${problem}. Pass the real identifier`);
      path = path.replace(`{${param.name}}`, serializePathParam(param, value));
      continue;
    }
    if (value === undefined || value === null) continue;
    if (param.in === "query") {
      const serialized = serializeQueryParam(param, value);
      if (serialized !== "") query.push(serialized);
    } else if (param.in === "cookie") {
      cookies.push(`${param.name}=${encodeURIComponent(headerValue(value))}`);
    } else {
      const problem = headerProblem(param.name, headerValue(value));
      if (problem) throw invalid(operation, `header parameter ${problem}`);
      headers[param.name.toLowerCase()] = headerValue(value);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  let body: BodyInit | undefined;
  let jsonText: string | undefined;
  if (request.body !== undefined && operation.body) {
    ({ body, jsonText } = encodeBody(operation, request.body));
    const { mediaType, encoding } = operation.body;
    // fetch writes the multipart boundary itself; a wildcard type is no type at all.
    if (encoding !== "multipart" && !mediaType.includes("*")) headers["content-type"] = mediaType;
  } else if (operation.body?.required) {
    throw invalid(operation, "the request body is required; pass it as body");
  }
  return { target: query.length > 0 ? `${path}?${query.join("&")}` : path, headers, body, jsonText };
}
