// Path parameters by their `style` (simple, label, matrix) and `explode`, as OpenAPI defines them, and
// header parameters (always the simple style). openapi-backend reads every path segment and header as a
// string, so an array or object parameter (or a label/matrix one) would never validate: the mock reads
// path values itself and checks them against the spec's schema, giving openapi-backend a plain string in
// their place; header values it reads into arrays and objects before openapi-backend validates them.
import { isJsonType } from "./answers.js";
import type { Json } from "./refs.js";
import { HTTP_METHODS, parametersOf, resolveLocalRef } from "./refs.js";

/** A path parameter the mock deserialises itself. */
export interface StyledPathParameter {
  name: string;
  /** `json`: a parameter of a JSON media type (`content`), whose segment is its value's JSON text. */
  style: "simple" | "label" | "matrix" | "json";
  explode: boolean;
  schema: Json;
}

/**
 * What a schema describes: its `type` when it has one (a `string` with a stray `items` is a string), else
 * what its keywords imply.
 */
function shapeOf(schema: Json): "array" | "object" | "primitive" {
  if (schema.type === "array" || (schema.type === undefined && schema.items)) return "array";
  if (schema.type === "object" || (schema.type === undefined && schema.properties)) return "object";
  return "primitive";
}

function needsStyle(param: Json, schema: Json): boolean {
  return shapeOf(schema) !== "primitive" || param.style === "label" || param.style === "matrix";
}

/**
 * Finds the path parameters that need their style read, by operationId, and replaces each (in the
 * operation's own parameter list, which overrides the path item's) by a plain string parameter.
 */
export function takeStyledPathParameters(document: Json): Map<string, StyledPathParameter[]> {
  const found = new Map<string, StyledPathParameter[]>();
  for (const item of Object.values((document.paths ?? {}) as Json)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Json)?.[method];
      if (!op) continue;
      const declared = parametersOf(document, item as Json, op);
      const styled: StyledPathParameter[] = [];
      for (const param of declared) {
        if (param.in !== "path") continue;
        const json = hasJsonContent(param);
        const schema =
          resolveLocalRef(document, json ? Object.values(param.content as Json)[0]?.schema : param.schema) ??
          {};
        if (!json && !needsStyle(param, schema)) continue;
        styled.push({
          name: String(param.name),
          style: json ? "json" : styleOf(param),
          explode: param.explode === true,
          schema,
        });
      }
      if (styled.length === 0) continue;
      found.set(String(op.operationId), styled);
      const names = new Set(styled.map((p) => p.name));
      op.parameters = [
        ...(op.parameters ?? []).filter((p: Json) => {
          const resolved = resolveLocalRef(document, p) ?? {};
          return !(resolved.in === "path" && names.has(String(resolved.name)));
        }),
        ...styled.map((p) => ({ name: p.name, in: "path", required: true, schema: { type: "string" } })),
      ];
    }
  }
  return found;
}

/** A styled path parameter's style (`simple`, OpenAPI's default, unless it says `label` or `matrix`). */
function styleOf(param: Json): StyledPathParameter["style"] {
  return param.style === "label" || param.style === "matrix" ? param.style : "simple";
}

/** Key/value pairs from `k,v,k,v` (not exploded) or `k=v` items (exploded). */
function pairs(items: string[], exploded: boolean): [string, string][] {
  if (exploded) return items.map((item) => item.split("=", 2) as [string, string]);
  const result: [string, string][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) result.push([items[i] as string, items[i + 1] as string]);
  return result;
}

/**
 * The value a path segment carries, by the parameter's style, or an error in words. Pieces are
 * percent-decoded after splitting, so an encoded separator inside a value stays part of it.
 */
export function readPathValue(
  segment: string,
  param: StyledPathParameter,
): { value: unknown } | { error: string } {
  let text = segment;
  const { name, style, explode } = param;
  if (style === "json") {
    try {
      return { value: readJsonValue(decodeURIComponent(text)) };
    } catch {
      return { error: `path parameter "${name}" is not percent-encoded JSON text` };
    }
  }
  if (style === "label") {
    if (!text.startsWith(".")) return { error: `path parameter "${name}" (label style) must start with "."` };
    text = text.slice(1);
  }
  let items: string[];
  if (style === "matrix") {
    if (!text.startsWith(";"))
      return { error: `path parameter "${name}" (matrix style) must start with ";"` };
    const parts = text.slice(1).split(";");
    if (explode && shapeOf(param.schema) === "object") items = parts;
    else if (explode) items = parts.map((part) => part.slice(name.length + 1));
    else items = (parts[0] ?? "").slice(name.length + 1).split(",");
  } else {
    items = text.split(style === "label" && explode ? "." : ",");
  }
  const decoded = (piece: string) => {
    try {
      return decodeURIComponent(piece);
    } catch {
      return piece;
    }
  };
  const shape = shapeOf(param.schema);
  if (shape === "array") return { value: items.map(decoded) };
  if (shape === "object") {
    return {
      value: Object.fromEntries(pairs(items, explode).map(([k, v]) => [decoded(k), decoded(v ?? "")])),
    };
  }
  return { value: decoded(items.join(",")) };
}

/**
 * A header's value as its schema's shape reads it in the simple style: `a,b` an array, `k,v,k2,v2` (or
 * `k=v,k2=v2` exploded) an object, anything else the text itself. Header values are not percent-encoded.
 */
export function readHeaderValue(text: string, schema: Json, explode: boolean): unknown {
  const shape = shapeOf(schema);
  if (shape === "array") return text === "" ? [] : text.split(",").map((item) => item.trim());
  if (shape === "object")
    return Object.fromEntries(
      pairs(text === "" ? [] : text.split(","), explode).map(([k, v]) => [k, v ?? ""]),
    );
  return text;
}

/** Whether a parameter gives its value a JSON media type (`content`) rather than a style. */
export function hasJsonContent(param: Json): boolean {
  const first =
    param.content && typeof param.content === "object" ? Object.keys(param.content)[0] : undefined;
  return first !== undefined && isJsonType(first);
}

/** A JSON-content parameter's text read back as the value it carries; text that is no JSON stays text. */
export function readJsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
