// Parameters serialised as the spec says (style, explode, allowReserved), with openapi-fetch's
// serialisers. Only operations with query, header or cookie parameters, or styled path parameters, use it.
import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import type { OperationDescriptor, OperationRequest, ParameterDescriptor } from "./operation.js";
import { checkPathValue, headerProblem, invalidRequest } from "./request.js";

type Style = Parameters<typeof serializeArrayParam>[2]["style"] &
  Parameters<typeof serializeObjectParam>[2]["style"];

function serializeValue(
  param: ParameterDescriptor,
  value: unknown,
  defaultStyle: string,
  defaultExplode: boolean,
) {
  const options = {
    style: (param.style ?? defaultStyle) as Style,
    explode: param.explode ?? defaultExplode,
    allowReserved: param.allowReserved === true,
  };
  if (Array.isArray(value)) return serializeArrayParam(param.name, value, options);
  if (typeof value === "object" && value !== null)
    return serializeObjectParam(param.name, value as Record<string, unknown>, options);
  if (param.in === "query") return serializePrimitiveParam(param.name, String(value), options);
  const encoded = encodeURIComponent(String(value));
  return options.style === "label"
    ? `.${encoded}`
    : options.style === "matrix"
      ? `;${param.name}=${encoded}`
      : encoded;
}

/** Header and cookie values: arrays and objects as comma-separated lists (the simple style). */
function plainValue(value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value);
  return (Array.isArray(value) ? value : Object.entries(value).flat()).join(",");
}

export function styledParams(
  operation: OperationDescriptor,
  request: OperationRequest,
): { target: string; headers: Record<string, string> } {
  let path = operation.path;
  const query: string[] = [];
  const cookies: string[] = [];
  const headers: Record<string, string> = {};
  for (const param of operation.params) {
    const where = param.in;
    const source =
      where === "path"
        ? request.path
        : where === "query"
          ? request.query
          : where === "header"
            ? request.headers
            : request.cookies;
    const value = source?.[param.name];
    if (where === "path") {
      checkPathValue(operation, param.name, value);
      const segment = serializeValue(param, value, "simple", false);
      // An empty array or object would leave an empty segment (`/a//b`): another URL than the spec's.
      if (segment === "" || segment === "." || segment === ";")
        throw invalidRequest(operation, `path parameter "${param.name}" is empty. Pass the real identifier`);
      path = path.replaceAll(`{${param.name}}`, segment);
    } else if (value === undefined || value === null) {
      // Optional and absent.
    } else if (where === "query") {
      const serialized = serializeValue(param, value, "form", true);
      if (serialized !== "") query.push(serialized);
    } else if (where === "cookie") {
      cookies.push(`${param.name}=${encodeURIComponent(plainValue(value))}`);
    } else {
      const problem = headerProblem(param.name, plainValue(value));
      if (problem) throw invalidRequest(operation, `header parameter ${problem}`);
      headers[param.name.toLowerCase()] = plainValue(value);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  return { target: query.length > 0 ? `${path}?${query.join("&")}` : path, headers };
}
