// A 3.0 document rewritten as OpenAPI 3.1 says the same things: `nullable` as `"null"` in a type array
// (and in an enum), a schema's `example` as `examples`, an enum of strings as a `oneOf` of `const`s (the
// 3.1 way to describe each value), `exclusiveMinimum`/`Maximum` as numbers. The tests use it to show that
// a document and its 3.1 twin give the same types, diff and answers.

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read without a schema
type Json = Record<string, any>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One schema and everything inside it, as 3.1 writes it. */
export function schemaAs31(value: unknown, options: { enumsAsConst?: boolean } = {}): unknown {
  if (Array.isArray(value)) return value.map((item) => schemaAs31(item, options));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value))
    out[key] = key === "example" || key === "enum" || key === "default" ? item : schemaAs31(item, options);
  if (out.nullable === true && typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  delete out.nullable;
  if ("example" in out && typeof out.type !== "undefined") {
    out.examples = [out.example];
    delete out.example;
  }
  for (const [bound, exclusive] of [
    ["minimum", "exclusiveMinimum"],
    ["maximum", "exclusiveMaximum"],
  ] as const) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  if (
    options.enumsAsConst &&
    Array.isArray(out.enum) &&
    out.enum.length > 0 &&
    out.enum.every((item: unknown) => typeof item === "string")
  ) {
    out.oneOf = out.enum.map((item: string) => ({ const: item }));
    delete out.enum;
  }
  return out;
}

/** `document` (OpenAPI 3.0) as its OpenAPI 3.1.0 twin; the input is not changed. */
export function as31(document: Json, options: { enumsAsConst?: boolean } = {}): Json {
  const out = structuredClone(document);
  out.openapi = "3.1.0";
  if (isObject(out.components?.schemas))
    out.components.schemas = schemaAs31(out.components.schemas, options) as Json;
  const rewrite = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(rewrite);
    else if (isObject(node))
      for (const [key, item] of Object.entries(node)) {
        if (key === "schema" && isObject(item)) node[key] = schemaAs31(item, options);
        else rewrite(item);
      }
  };
  rewrite(out.paths);
  rewrite(out.components?.parameters);
  rewrite(out.components?.requestBodies);
  rewrite(out.components?.responses);
  return out;
}
