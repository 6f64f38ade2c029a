// Everything Ango-specific the codegen knows, in one place: the list convention (page/limit and
// `data.<items>` beside `total`, written into each descriptor as its page shape), the `x-ango-*`
// extensions, the region codes of server presets, and the overrides file that says what the spec cannot.
import type { IdempotencyModel, OperationModel, ParameterModel } from "./model.js";
import { isObject, type Json, resolveRef } from "./refs.js";
import { SpecError } from "./spec-error.js";

/** Ango's documented largest page, for a list whose `limit` declares no maximum. */
const ANGO_PAGE_SIZE = 100;

/** Ango's page parameters (pages count from 1) and the object of the answer that holds a page. */
const ANGO_PAGES = { pageParam: "page", firstPage: 1, limitParam: "limit", wrapper: "data" } as const;

/**
 * Ango's list convention: `page` and `limit` query parameters, and a 200 JSON body whose `data` holds
 * exactly one array property beside a numeric `total`. The array is what the iterator yields. The
 * result is the page shape the runtime and the CLI read (names and paths): no other layer knows it.
 */
export function readPagination(
  doc: Json,
  parameters: ParameterModel[],
  response: unknown,
  where: string,
): OperationModel["pagination"] {
  const { pageParam, firstPage, limitParam, wrapper } = ANGO_PAGES;
  const query = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
  if (!query.has(pageParam) || !query.has(limitParam) || !isObject(response)) return undefined;
  const content = isObject(response.content) ? response.content : {};
  const json = content["application/json"];
  if (!isObject(json) || json.schema === undefined) return undefined;
  const schema = resolveRef(doc, json.schema, `${where} response schema`);
  const data = isObject(schema.properties) ? schema.properties[wrapper] : undefined;
  if (data === undefined) return undefined;
  const dataSchema = resolveRef(doc, data, `${where} response data`);
  const properties = isObject(dataSchema.properties) ? dataSchema.properties : {};
  if (properties.total === undefined) return undefined;
  const arrays = Object.entries(properties).filter(
    ([, value]) => resolveRef(doc, value, `${where} response data`).type === "array",
  );
  if (arrays.length !== 1) return undefined;
  const declared = parameters.find((p) => p.in === "query" && p.name === limitParam)?.maximum;
  const pageSize =
    declared !== undefined && Number.isInteger(declared) && declared >= 1 ? declared : ANGO_PAGE_SIZE;
  return {
    pageParam,
    firstPage,
    limitParam,
    pageSize,
    items: [wrapper, (arrays[0] as [string, unknown])[0]],
    total: [wrapper, "total"],
  };
}

/**
 * Whether repeating the operation is safe, as the overrides file says (its rule or a boolean), else as
 * the spec's own `x-ango-idempotent` extension says (a boolean); undefined: the method decides.
 */
export function readIdempotency(
  operation: Json,
  override: Overrides["operations"][string] | undefined,
): IdempotencyModel | undefined {
  const extension = operation["x-ango-idempotent"];
  return override?.idempotent ?? (typeof extension === "boolean" ? extension : undefined);
}

/**
 * The fields an error body says what went wrong in, in words: Ango's `{ status, message }` first, then the
 * names other APIs give it. Read at the top of the body or one object down (`{ error: { message } }`).
 */
const ERROR_MESSAGE_FIELDS = ["message", "error", "detail"] as const;

/** How many distinct error body schemas are read for their message fields; the rest add nothing new. */
const MAX_ERROR_SCHEMAS = 200;

/**
 * Where the client reads an error body's message (each a path of property names), for the runtime's
 * errors, the CLI and the MCP server: the paths the document's error bodies declare as strings, then
 * each field of ERROR_MESSAGE_FIELDS at the top, so an undeclared body with one is still read.
 */
export function readErrorMessagePaths(doc: Json, operations: readonly OperationModel[]): string[][] {
  const declared = new Map<string, string[]>();
  const seen = new Set<unknown>();
  for (const schema of operations.flatMap((op) => op.errorResponses.map((r) => r.schema))) {
    if (seen.size >= MAX_ERROR_SCHEMAS) break;
    if (schema === undefined || seen.has(schema)) continue;
    seen.add(schema);
    for (const path of messagePathsIn(doc, schema, 0)) declared.set(JSON.stringify(path), path);
  }
  const rank = (path: string[]) =>
    path.map((name) => ERROR_MESSAGE_FIELDS.indexOf(name as (typeof ERROR_MESSAGE_FIELDS)[number]));
  const ordered = [...declared.values()].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return (ra[0] ?? 0) - (rb[0] ?? 0) || a.length - b.length || (ra[1] ?? 0) - (rb[1] ?? 0);
  });
  const fallbacks = ERROR_MESSAGE_FIELDS.filter((field) => !declared.has(JSON.stringify([field])));
  return [...ordered, ...fallbacks.map((field) => [field])];
}

/** The message fields a schema declares as strings, at its top or (depth 0) one object down. */
function messagePathsIn(doc: Json, schema: unknown, depth: number): string[][] {
  const properties = propertiesOf(doc, schema, 0);
  const paths: string[][] = [];
  for (const field of ERROR_MESSAGE_FIELDS) {
    const property = properties.get(field);
    if (property === undefined) continue;
    const types = typesOf(property);
    if (types.has("string")) paths.push([field]);
    else if (depth === 0 && (types.has("object") || isObject(property.properties)))
      for (const inner of messagePathsIn(doc, property, 1)) paths.push([field, ...inner]);
  }
  return paths;
}

/** A schema's properties with those of its allOf members, references followed; none where one is broken. */
function propertiesOf(doc: Json, schema: unknown, depth: number): Map<string, Json> {
  const properties = new Map<string, Json>();
  const resolved = schemaAt(doc, schema);
  if (!resolved || depth > 4) return properties;
  for (const member of Array.isArray(resolved.allOf) ? resolved.allOf : [])
    for (const [name, value] of propertiesOf(doc, member, depth + 1)) properties.set(name, value);
  for (const [name, value] of Object.entries(isObject(resolved.properties) ? resolved.properties : {})) {
    const property = schemaAt(doc, value);
    if (property) properties.set(name, property);
  }
  return properties;
}

/** The schema a value is or refers to; undefined for a reference that leads nowhere or to no object. */
function schemaAt(doc: Json, value: unknown): Json | undefined {
  try {
    return resolveRef(doc, value, "error body");
  } catch {
    return undefined;
  }
}

/** The JSON types a schema names (3.0's `type`, 3.1's type arrays). */
function typesOf(schema: Json): Set<string> {
  return new Set((Array.isArray(schema.type) ? schema.type : [schema.type]).map(String));
}

/** The mock's built-in handlers an operation can be given (`@ango-hub/testing`'s BatchStore). */
export const MOCK_HANDLERS = ["batch-store"] as const;
export type MockHandler = (typeof MOCK_HANDLERS)[number];

/** Knowledge the spec cannot express, kept beside it in `<spec>.overrides.json`. */
export interface Overrides {
  operations: Record<string, { idempotent?: IdempotencyModel; mock?: MockHandler }>;
}

export function readOverrides(raw: unknown): Overrides {
  if (raw === undefined) return { operations: {} };
  if (!isObject(raw) || !isObject(raw.operations))
    throw new SpecError('The overrides file must be { "operations": { "<operationId>": { ... } } }.');
  for (const [id, entry] of Object.entries(raw.operations)) {
    const idempotent = isObject(entry) ? entry.idempotent : undefined;
    const valid =
      idempotent === undefined ||
      typeof idempotent === "boolean" ||
      (isObject(idempotent) && typeof idempotent.every === "string" && typeof idempotent.has === "string");
    if (!valid)
      throw new SpecError(
        `overrides.operations.${id}.idempotent must be true, false or { "every": "<array field>", "has": "<item field>" }.`,
      );
    const mock = isObject(entry) ? entry.mock : undefined;
    if (mock !== undefined && !MOCK_HANDLERS.includes(mock as MockHandler))
      throw new SpecError(
        `overrides.operations.${id}.mock must be one of the mock's built-in handlers: ${MOCK_HANDLERS.map((h) => `"${h}"`).join(", ")}.`,
      );
  }
  return raw as unknown as Overrides;
}

/** Region words that have a well-known two-letter code; any other first word is used as it is. */
export const REGION_CODES: Record<string, string> = {
  europe: "eu",
  european: "eu",
  america: "us",
  usa: "us",
  india: "in",
  japan: "jp",
  germany: "de",
  australia: "au",
  canada: "ca",
  singapore: "sg",
  brazil: "br",
  korea: "kr",
};
