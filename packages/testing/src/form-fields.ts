// Form fields read back as a server reads them: on the wire every multipart or URL-encoded field is text
// (or a file), and OpenAPI's encoding rules say how it maps to the body schema. As Prism and
// openapi-backend do, each field is coerced by its property's schema: numbers, integers and booleans from
// their text, arrays from repeated fields, objects (and a part whose `contentType` is JSON) from JSON.
import { type Json, resolveLocalRef } from "./refs.js";

/** How deep allOf/oneOf/anyOf are followed to find a property's schema; deeper ones stay text. */
const MAX_SCHEMA_DEPTH = 16;

/** One field as it arrived: its texts in order (a file stands as its file name). */
export type RawFields = Map<string, string[]>;

/**
 * The body as the schema reads it. A field the schema does not describe is read as before (JSON text
 * parsed, other text kept); one it describes takes the type it declares when its text is one of that
 * type, and stays text otherwise, so validation then names the field and what was wrong.
 */
export function formBodyOf(
  fields: RawFields,
  document: Json,
  media: Json | undefined,
): Record<string, unknown> {
  const schema = resolveLocalRef(document, media?.schema);
  const encoding = (media?.encoding ?? {}) as Json;
  return Object.fromEntries(
    [...fields].map(([name, texts]) => {
      const property = propertySchema(document, schema, name, 0);
      const part = Object.hasOwn(encoding, name) ? (resolveLocalRef(document, encoding[name]) ?? {}) : {};
      return [name, fieldValue(document, property, texts, String(part.contentType ?? ""))];
    }),
  );
}

/** The schema of property `name` of `schema`, looked for in its properties and its allOf/oneOf/anyOf. */
function propertySchema(
  document: Json,
  schema: Json | undefined,
  name: string,
  depth: number,
): Json | undefined {
  if (!schema || depth > MAX_SCHEMA_DEPTH) return undefined;
  const properties = schema.properties as Json | undefined;
  if (properties && Object.hasOwn(properties, name)) return resolveLocalRef(document, properties[name]);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const members = schema[key];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const found = propertySchema(document, resolveLocalRef(document, member), name, depth + 1);
      if (found) return found;
    }
  }
  const additional = schema.additionalProperties;
  return typeof additional === "object" && additional !== null
    ? resolveLocalRef(document, additional)
    : undefined;
}

/** The JSON types a schema allows (3.0 `type` and `nullable`, 3.1 type arrays, enum and const values). */
function typesOf(document: Json, schema: Json | undefined, depth = 0): Set<string> {
  const types = new Set<string>();
  if (!schema || depth > MAX_SCHEMA_DEPTH) return types;
  for (const t of [schema.type].flat()) if (typeof t === "string") types.add(t);
  if (schema.nullable === true) types.add("null");
  const values: unknown[] = Array.isArray(schema.enum) ? [...schema.enum] : [];
  if ("const" in schema) values.push(schema.const);
  for (const value of values) types.add(jsonTypeOf(value));
  for (const key of ["allOf", "oneOf", "anyOf"])
    if (Array.isArray(schema[key]))
      for (const member of schema[key])
        for (const t of typesOf(document, resolveLocalRef(document, member), depth + 1)) types.add(t);
  return types;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "number" && Number.isInteger(value) ? "integer" : typeof value;
}

function fieldValue(document: Json, schema: Json | undefined, texts: string[], partType: string): unknown {
  const types = typesOf(document, schema);
  if (types.has("array") && !(texts.length === 1 && isJsonArray(texts[0] as string))) {
    // Repeated fields (form style, explode), each read by the items' schema.
    const items = resolveLocalRef(document, schema?.items);
    return texts.map((text) => oneValue(document, items, text, partType));
  }
  if (texts.length > 1) return texts.map((text) => oneValue(document, schema, text, partType));
  return oneValue(document, schema, texts[0] as string, partType);
}

const isJsonArray = (text: string) => /^\s*\[/.test(text) && parses(text);

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One field's text read as its schema's type, or as text when it is not one of that type. */
function oneValue(document: Json, schema: Json | undefined, text: string, partType: string): unknown {
  const types = typesOf(document, schema);
  const json = /^application\/(?:[\w.-]+\+)?json\b/i.test(partType);
  if (json || (types.size === 0 && /^\s*[[{]/.test(text)) || types.has("object") || types.has("array")) {
    if (parses(text) && (json || types.size === 0 || !types.has("string") || /^\s*[[{]/.test(text)))
      return JSON.parse(text);
  }
  if (types.has("string")) {
    // The client sends null as the text "null": a nullable field reads it back as null, unless "null" is
    // one of its own values.
    const own = Array.isArray(schema?.enum) && schema.enum.includes("null");
    return text === "null" && types.has("null") && !own ? null : text;
  }
  if ((types.has("integer") || types.has("number")) && /^-?(?:\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) {
    const number = Number(text);
    if (Number.isFinite(number) && (types.has("number") || Number.isInteger(number))) return number;
  }
  if (types.has("boolean") && (text === "true" || text === "false")) return text === "true";
  if (types.has("null") && (text === "null" || text === "")) return null;
  return text;
}
