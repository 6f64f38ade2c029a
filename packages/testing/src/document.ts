// The mock's copy of a document: routable by openapi-backend, and read as OpenAPI 3.0 defines its schema
// dialect before Ajv (JSON Schema draft 7) sees it.
import type { Json } from "./refs.js";
import { HTTP_METHODS, isIgnoredParameter, keySchemeOf, operationNames, resolveLocalRef } from "./refs.js";

/**
 * A copy of the document the mock can route every operation of, each operation named as the generated
 * client names it (operationNames: the spec's operationId where it is a usable, unique name, else one
 * derived from it or from the method and path), so `respond()`, recorded calls and `handlers` use the
 * same name as the client's function.
 */
export function prepareDocument(source: object): Json {
  const document = structuredClone(source) as Json;
  const names = operationNames(document);
  const keep = (param: Json) => !isIgnoredParameter(resolveLocalRef(document, param));
  for (const [path, raw] of Object.entries((document.paths ?? {}) as Json)) {
    // openapi-backend routes only inline path items: a referenced one is copied in place.
    const item = typeof raw?.$ref === "string" ? structuredClone(resolveLocalRef(document, raw)) : raw;
    document.paths[path] = item;
    if (Array.isArray(item?.parameters)) item.parameters = item.parameters.filter(keep);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      op.operationId = names.get(`${method.toUpperCase()} ${path}`);
      if (Array.isArray(op.parameters)) op.parameters = op.parameters.filter(keep);
    }
  }
  inlineUnreadableReferences(document);
  withJsonSchemaDialect(document);
  return document;
}

/** How many references the mock copies in place before it stops (a cycle of them). */
const MAX_INLINED_REFERENCES = 10_000;

/**
 * A reference openapi-backend's dereferencer reads wrong: one into `#/paths/...` (a schema reused from
 * another operation's body), or one whose pointer escapes a character (`application~1json`, `%7Bid%7D`),
 * which it does not decode. It then cannot start for the document.
 */
const UNREADABLE_REFERENCE = /^#\/paths\/|[~%]/;

/**
 * Each reference openapi-backend cannot read (UNREADABLE_REFERENCE) replaced by a copy of what it points
 * at: the document means the same either way.
 */
function inlineUnreadableReferences(document: Json): void {
  const stack: unknown[] = [document.paths, document.components];
  let inlined = 0;
  while (stack.length > 0 && inlined < MAX_INLINED_REFERENCES) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const object = node as Json;
    if (typeof object.$ref === "string" && UNREADABLE_REFERENCE.test(object.$ref)) {
      const target = resolveLocalRef(document, object);
      delete object.$ref;
      // A reference to text or to nothing (an extension's own content: `x-code-samples` sharing another's
      // `source`) is nothing the mock reads; left in place, it stops the dereferencer.
      if (typeof target === "object" && target !== null) Object.assign(object, structuredClone(target));
      inlined++;
    }
    for (const child of Object.values(object)) stack.push(child);
  }
}

/**
 * A `oneOf`/`anyOf` with a discriminator, as OpenAPI defines it: a value belongs to the branch its
 * discriminator property names (by `mapping`, else by the branch's schema name). Each branch is given
 * that as a constraint, so branches that would otherwise accept the same value (every property
 * optional, no `additionalProperties: false`) no longer all match one value and fail `oneOf`.
 */
function withDiscriminatedBranches(schema: Json, document: Json): void {
  const key = (["oneOf", "anyOf"] as const).find((name) => Array.isArray(schema[name]));
  if (key === undefined) return;
  const discriminator = (schema.discriminator ?? inheritedDiscriminator(schema[key], document)) as Json;
  const property = discriminator?.propertyName;
  if (typeof property !== "string") return;
  const mapping = Object.entries((discriminator.mapping ?? {}) as Record<string, unknown>);
  const nameOf = (ref: string) => ref.split("/").pop() as string;
  schema[key] = (schema[key] as Json[]).map((branch) => {
    const ref = typeof branch?.$ref === "string" ? (branch.$ref as string) : undefined;
    if (!ref) return branch;
    const named = mapping
      .filter(([, target]) => typeof target === "string" && (target === ref || target === nameOf(ref)))
      .map(([value]) => value);
    const values = named.length > 0 ? named : [nameOf(ref)];
    return { allOf: [branch, { properties: { [property]: { enum: values } }, required: [property] }] };
  });
}

/**
 * The discriminator every branch inherits, when the `oneOf`/`anyOf` declares none: OpenAPI 3.0 lets it sit
 * on a base schema that each branch extends with `allOf` (`Cat: allOf: [Pet, ...]`, `Pet` declaring
 * `discriminator: { propertyName: pet_type }`). Undefined unless every branch is a reference to a
 * schema whose `allOf` holds the same base.
 */
function inheritedDiscriminator(branches: Json[], document: Json): Json | undefined {
  let found: Json | undefined;
  for (const branch of branches) {
    if (typeof branch?.$ref !== "string") return undefined;
    const parts = (resolveLocalRef(document, branch)?.allOf ?? []) as Json[];
    const base = parts
      .map((part) => resolveLocalRef(document, part))
      .find((part) => typeof part?.discriminator?.propertyName === "string");
    if (!base || (found && found !== base)) return undefined;
    found = base;
  }
  return found?.discriminator;
}

/**
 * OpenAPI 3.0's schema dialect as the validator (Ajv, JSON Schema draft 7) must read it, in place:
 * - `nullable: true` without `type` (common beside `allOf`) admits null, as openapi-typescript types it
 *   (`| null`): the schema becomes `anyOf: [itself, { type: "null" }]`. Ajv refuses `nullable` without
 *   `type` outright, which made one such schema stop every validation of a document. Beside a `$ref` it
 *   is dropped, as openapi-typescript drops it.
 * - boolean `exclusiveMaximum`/`exclusiveMinimum` (3.0) become draft 7's numbers;
 * - beside a `$ref`, every other keyword is dropped, as 3.0 ignores them (so does openapi-typescript);
 * - a repeated enum value is dropped (Ajv refuses the schema for it);
 * - a discriminated `oneOf`/`anyOf` chooses its branch by the discriminator (withDiscriminatedBranches).
 * Walked without recursion; `nullable`/`exclusive*` keys are changed only where their value is a boolean,
 * so a property of that name (a schema object) is left alone.
 */
export function withJsonSchemaDialect(document: Json): void {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const schema = node as Json;
    for (const [exclusive, bound] of [
      ["exclusiveMaximum", "maximum"],
      ["exclusiveMinimum", "minimum"],
    ] as const) {
      if (typeof schema[exclusive] !== "boolean") continue;
      if (schema[exclusive] && typeof schema[bound] === "number") schema[exclusive] = schema[bound];
      else delete schema[exclusive];
      if (typeof schema[exclusive] === "number") delete schema[bound];
    }
    withDiscriminatedBranches(schema, document);
    // A repeated enum value changes nothing a value may be; Ajv refuses the schema for it.
    if (Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v !== "object" || v === null))
      schema.enum = [...new Set(schema.enum)];
    // Beside a `$ref`, 3.0 ignores every other keyword (`nullable`, `type`, `required`...), as the generated
    // types, the response plans and openapi-backend's dereferencer do; the validator would apply them.
    if (typeof schema.$ref === "string")
      for (const key of Object.keys(schema))
        if (key !== "$ref" && key !== "description" && key !== "summary") delete schema[key];
    if (typeof schema.nullable === "boolean" && schema.type === undefined) {
      const nullable = schema.nullable;
      delete schema.nullable;
      if (nullable) {
        const rest = { ...schema };
        for (const key of Object.keys(schema)) delete schema[key];
        schema.anyOf = [rest, { type: "null" }];
      }
    }
    for (const child of Object.values(schema)) stack.push(child);
  }
}

/** Where the document's key goes: a lower-case header name, and (bearer) the text before the key there. */
export interface KeyPlace {
  schemeName: string;
  keyHeader: string;
  prefix: string;
}

/** The scheme that carries the client's key, as the codegen chooses it (keySchemeOf), if there is one. */
export function keyHeaderOf(document: Json): KeyPlace | undefined {
  const found = keySchemeOf(document);
  if (!("header" in found)) return undefined;
  return {
    schemeName: found.schemeName,
    keyHeader: found.header.toLowerCase(),
    prefix: found.prefix,
  };
}

/** The key a header value carries for `place`: the value after its prefix (the auth scheme's name is case-insensitive). */
export function sentKey(place: KeyPlace, value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  if (!value.toLowerCase().startsWith(place.prefix.toLowerCase())) return undefined;
  return value.slice(place.prefix.length) || undefined;
}

/** The path of a document's first server URL (`/v2` for Ango): the mock serves the API under it. */
export function serverBasePath(document: { servers?: { url: string }[] }): string {
  const url = (document.servers?.[0]?.url ?? "/").replace(/\{[^}]+\}/g, "x");
  return new URL(url, "http://x/").pathname.replace(/\/$/, "");
}
