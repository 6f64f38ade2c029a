// Parameters serialised as the spec says (style, explode, allowReserved). openapi-fetch's serialisers
// lay the values out; every name, key and value is percent-encoded here first (they would insert object
// keys and allowReserved values raw), so it is always called with allowReserved and never encodes twice.
// Only operations with query, header or cookie parameters, or styled path parameters, use this file.
import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import type { OperationDescriptor, OperationRequest, ParameterDescriptor } from "./operation.js";
import { checkPathValue, encodedPathTemplate, headerProblem, invalidRequest } from "./request.js";

type Style = Parameters<typeof serializeArrayParam>[2]["style"] &
  Parameters<typeof serializeObjectParam>[2]["style"];

/**
 * allowReserved keeps RFC 3986's reserved characters as they are, except `#`: the URL would end there
 * and the rest of the value would never reach the server.
 */
function encodeAllowingReserved(text: string): string {
  return encodeURIComponent(text).replace(/%(3A|2F|3F|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi, (m) =>
    decodeURIComponent(m),
  );
}

/** A Date travels as JSON would carry it; every other scalar as its string. */
function scalarText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * The value with every key and scalar encoded, `undefined` items and fields left out (they are absent,
 * not the text "undefined"). Objects inside objects or arrays have no serialisation in OpenAPI's styles.
 */
function encodedValue(
  operation: OperationDescriptor,
  param: ParameterDescriptor,
  value: unknown,
  encode: (text: string) => string,
): string | string[] | Record<string, string> {
  const scalar = (item: unknown, where: string) => {
    if (typeof item === "object" && item !== null && !(item instanceof Date))
      throw invalidRequest(
        operation,
        `${param.in} parameter "${param.name}"${where} is an object inside ${Array.isArray(value) ? "an array" : "an object"}, which OpenAPI's ${param.style ?? "default"} style cannot serialise`,
      );
    return encode(scalarText(item));
  };
  if (Array.isArray(value))
    return value
      .filter((item) => item !== undefined && item !== null)
      .map((item, i) => scalar(item, `[${i}]`));
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const encoded: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && item !== null) encoded[encodeURIComponent(key)] = scalar(item, `.${key}`);
    }
    return encoded;
  }
  return encode(scalarText(value));
}

function serializeValue(
  operation: OperationDescriptor,
  param: ParameterDescriptor,
  value: unknown,
  defaultStyle: string,
  defaultExplode: boolean,
): string {
  const options = {
    style: (param.style ?? defaultStyle) as Style,
    explode: param.explode ?? defaultExplode,
    allowReserved: true,
  };
  const encode = param.in === "query" && param.allowReserved ? encodeAllowingReserved : encodeURIComponent;
  const encoded = encodedValue(operation, param, value, encode);
  // Brackets stay readable in names such as `status[eq]`; anything else that would split the query is encoded.
  const name = encodeURIComponent(param.name).replace(/%5B/gi, "[").replace(/%5D/gi, "]");
  if (Array.isArray(encoded)) return serializeArrayParam(name, encoded, options);
  if (typeof encoded === "object") return serializeObjectParam(name, encoded, options);
  if (param.in === "query") return serializePrimitiveParam(name, encoded, options);
  if (options.style === "label") return `.${encoded}`;
  if (options.style === "matrix") return `;${name}=${encoded}`;
  return encoded;
}

/**
 * Header and cookie values: arrays and objects as comma-separated lists (the simple style); an object's
 * fields as `k,v,k2,v2`, or `k=v,k2=v2` where the parameter is exploded.
 */
function plainValue(value: unknown, explode = false): string {
  if (typeof value !== "object" || value === null || value instanceof Date) return scalarText(value);
  const present = (item: unknown) => item !== undefined && item !== null;
  if (Array.isArray(value)) return value.filter(present).map(scalarText).join(",");
  const fields = Object.entries(value).filter(([, item]) => present(item));
  return fields
    .map(([key, item]) => (explode ? `${key}=${scalarText(item)}` : `${key},${scalarText(item)}`))
    .join(",");
}

export function styledParams(
  operation: OperationDescriptor,
  request: OperationRequest,
): { target: string; headers: Record<string, string> } {
  let path = encodedPathTemplate(operation.path);
  const query: string[] = [];
  const cookies: string[] = [];
  const headers: Record<string, string> = {};
  const sources = {
    path: request.path,
    query: request.query,
    header: request.headers,
    cookie: request.cookies,
  };
  for (const param of operation.params) {
    const where = param.in;
    const given = sources[where]?.[param.name];
    // A value of a JSON media type is one text: its JSON, then sent as any string is.
    const value = param.json && given !== undefined && given !== null ? JSON.stringify(given) : given;
    if (where === "path") {
      checkPathValue(operation, param.name, value);
      const segment = serializeValue(operation, param, value, "simple", false);
      // An empty array or object would leave an empty segment (`/a//b`): another URL than the spec's.
      if (segment === "" || segment === "." || segment === ";")
        throw invalidRequest(operation, `path parameter "${param.name}" is empty. Pass the real identifier`);
      path = path.replaceAll(`{${param.name}}`, segment);
    } else if (value === undefined || value === null) {
      // Optional and absent.
    } else if (where === "query") {
      const serialized = serializeValue(operation, param, value, "form", true);
      if (serialized !== "") query.push(serialized);
    } else if (where === "cookie") {
      cookies.push(`${param.name}=${encodeURIComponent(plainValue(value))}`);
    } else {
      const text = plainValue(value, param.explode === true);
      const problem = headerProblem(param.name, text);
      if (problem) throw invalidRequest(operation, `header parameter ${problem}`);
      headers[param.name.toLowerCase()] = text;
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  return { target: query.length > 0 ? `${path}?${query.join("&")}` : path, headers };
}
