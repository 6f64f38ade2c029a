// A valid input for any generated operation, made from the document's own schemas (json-schema-faker,
// seeded), so every call the corpus makes is one the spec allows.
import { parametersOf } from "@ango-hub/openapi-reader";
import { resolveLocalRef, sampleValue, validateValue, withJsonSchemaDialect } from "@ango-hub/testing";
import type { Json } from "./corpus.js";

/** The mock's own reference resolver: test inputs and mock answers read the document the same way. */
export const deref = resolveLocalRef;

/**
 * A value the mock accepts for `schema`: the mock's own sampler (json-schema-faker values checked by the
 * mock's validator), so inputs and answers read the document the same way.
 */
async function fake(
  document: Json,
  schema: Json | undefined,
  seed: number,
  allFields = false,
  unsatisfied?: string[],
): Promise<unknown> {
  if (!schema) return "value";
  const sample = await sampleValue(document, schema, {
    seed,
    optionalFields: allFields ? "all" : "none",
    maxItems: 2,
    nonEmpty: true,
    // A request: a field of another oneOf branch may tell the branches apart (the server reads it).
    otherBranchFields: true,
  });
  if (!sample.valid) unsatisfied?.push(sample.errors[0] ?? "no valid value found");
  return sample.value;
}

/** Whether `branch` accepts `text` as a server reads a parameter: as the text, or as the number or boolean it spells. */
function acceptsText(document: Json, branch: Json, text: string): boolean {
  const readings: unknown[] = [text];
  if (/^-?\d+(\.\d+)?$/.test(text)) readings.push(Number(text));
  if (text === "true" || text === "false") readings.push(text === "true");
  return readings.some((reading) => validateValue(document, branch, reading).length === 0);
}

/**
 * For a parameter whose schema is a `oneOf`, a value whose text exactly one branch accepts: `628` is an
 * integer and a string alike once it is text, and a strict judge (Prism) refuses it as matching two.
 * Undefined where no branch gives one.
 */
async function unambiguousText(document: Json, schema: Json, seed: number, depth = 0): Promise<unknown> {
  const branches = (schema.oneOf as Json[]).map((branch) => deref(document, branch) ?? {});
  for (const branch of branches) {
    const value = await pathValue(document, branch, seed, depth + 1);
    const text = String(value);
    if (branches.filter((other) => acceptsText(document, other, text)).length === 1) return value;
  }
  return undefined;
}

/** A path value the client will send as one segment: enums and numbers as they are, strings made safe. */
async function pathValue(
  document: Json,
  schema: Json | undefined,
  seed: number,
  depth = 0,
  unsatisfied?: string[],
): Promise<unknown> {
  const resolved = deref(document, schema) ?? {};
  // A oneOf nested in a oneOf is read once (a schema may hold itself).
  if (Array.isArray(resolved.oneOf) && depth < 2) {
    const value = await unambiguousText(document, resolved, seed, depth);
    if (value !== undefined) return value;
  }
  // An enum's first value a segment can carry (`""` is a value some APIs list, and no segment at all)
  // and the schema accepts as the text it arrives as (`type: string` with `enum: [1, 2]` accepts none).
  if (Array.isArray(resolved.enum)) {
    const usable = resolved.enum.find(
      (value: unknown) =>
        value !== "" && value !== null && acceptsText(document, resolved, String(value as string)),
    );
    if (usable !== undefined) return usable;
    unsatisfied?.push(
      `no value of the enum ${JSON.stringify(resolved.enum).slice(0, 80)} is valid for its schema`,
    );
    return resolved.enum[0];
  }
  // Every field of an object: an empty one would leave an empty path segment.
  if (resolved.type !== undefined && resolved.type !== "string")
    return await fake(document, resolved, seed, true);
  // The schema's own value (its pattern, format, length), sent as one segment: the client encodes it.
  // Only what no server can take as a segment (empty, `.`, `..`) is drawn again.
  let said = "no valid value found";
  for (let attempt = 0; attempt < 4; attempt++) {
    const sample = await sampleValue(document, resolved, { seed: seed + attempt * 7919 });
    const value = String(sample.value);
    // A number or boolean is passed as one (an `allOf` of an integer has no `type` of its own): the
    // client writes the text, and a tool's schema, which keeps the type, takes it as a caller gives it.
    if (sample.valid && value !== "" && value !== "." && value !== "..")
      return typeof sample.value === "number" || typeof sample.value === "boolean" ? sample.value : value;
    said = sample.errors[0] ?? "the value is empty, `.` or `..`, which no path segment can be";
  }
  // The sampler found none: the call goes with a plain word, and the census knows it is not valid.
  unsatisfied?.push(said);
  return `id${seed}`;
}

/** Files where the schema says binary: what a caller would pass. */
function withFiles(document: Json, schema: Json | undefined, value: unknown): unknown {
  const resolved = deref(document, schema);
  if (resolved?.format === "binary") return new Blob(["file bytes"], { type: "application/octet-stream" });
  if (resolved?.type === "array" && Array.isArray(value))
    return value.map((item) => withFiles(document, resolved.items, item));
  if (typeof value === "object" && value !== null && resolved?.properties) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withFiles(document, resolved.properties[key], item)]),
    );
  }
  return value;
}

/**
 * A form body's fields as a caller would pass them: a field the schema requires but does not describe
 * (so the sampler may make it an empty list, which a form cannot carry: it would vanish) gets a word.
 */
function formFields(schema: Json | undefined, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value ?? {};
  const described = (schema?.properties ?? {}) as Json;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) =>
      !Object.hasOwn(described, name) && Array.isArray(item) && item.length === 0
        ? [name, "value"]
        : [name, item],
    ),
  );
}

export interface Descriptor {
  operationId: string;
  method: string;
  path: string;
  params: { name: string; in: string }[];
  body?: { mediaType: string; required: boolean };
}

export const INPUT_GROUPS: Record<string, string> = { query: "query", header: "headers", cookie: "cookies" };

/** A path parameter's key in the input: its name, with `Path` after it where a group has that name. */
export const pathInputKey = (name: string) =>
  ["query", "headers", "cookies", "body"].includes(name) ? `${name}Path` : name;

/** The client input for `descriptor`: every parameter and the body the spec declares, filled in. */
/** Each document as the mock validates it (OpenAPI 3.0's dialect read as JSON Schema), made once. */
const asValidated = new WeakMap<Json, Json>();
function validatedCopy(document: Json): Json {
  let copy = asValidated.get(document);
  if (!copy) {
    copy = structuredClone(document);
    withJsonSchemaDialect(copy);
    asValidated.set(document, copy);
  }
  return copy;
}

/** How inputFor names a form body whose schema is not an object: no form can carry it. */
export const FORM_OF_NO_FIELDS = "no form can carry this body";

/**
 * The input; `unsatisfied`, when given, hears of each schema the sampler found no valid value for (what
 * the validator said of its last try): a request built from such a value is one the mock must refuse.
 */
export async function inputFor(
  source: Json,
  descriptor: Descriptor,
  seed: number,
  unsatisfied?: string[],
): Promise<Record<string, unknown>> {
  // Inputs are made from the schemas as the mock reads them: json-schema-faker speaks JSON Schema, not
  // OpenAPI 3.0 (it would ignore a boolean exclusiveMinimum).
  const document = validatedCopy(source);
  const item = deref(document, document.paths[descriptor.path]) as Json;
  const operation = item[descriptor.method.toLowerCase()] as Json;
  const declared = parametersOf(document, item, operation);
  const input: Record<string, Record<string, unknown> | unknown> = {};
  for (const param of declared) {
    if (param.in === "path") {
      const key = pathInputKey(param.name);
      // A parameter described by `content` instead of `schema` takes its media type's schema.
      const schema = param.schema ?? Object.values((param.content ?? {}) as Json)[0]?.schema;
      input[key] = await pathValue(document, schema, seed, 0, unsatisfied);
      continue;
    }
    // Optional ones are left out (parametersOf already left out what OpenAPI ignores).
    if (!param.required) continue;
    const group = INPUT_GROUPS[param.in] as string;
    const schema = deref(document, param.schema ?? Object.values((param.content ?? {}) as Json)[0]?.schema);
    const value =
      (Array.isArray(schema?.oneOf) && !param.content
        ? await unambiguousText(document, schema, seed)
        : undefined) ?? (await fake(document, schema, seed, false, unsatisfied));
    input[group] ??= {};
    (input[group] as Record<string, unknown>)[param.name] =
      param.in === "header" && typeof value === "string" ? value.replace(/[^\x20-\x7e]/g, "") || "v" : value;
  }
  if (descriptor.body) {
    const requestBody = deref(document, operation.requestBody) as Json;
    const media = requestBody.content[descriptor.body.mediaType] as Json;
    const schema = deref(document, media?.schema);
    const mediaType = descriptor.body.mediaType;
    if (/^multipart\/|x-www-form-urlencoded/i.test(mediaType)) {
      // A form is named fields: a schema of another type (PeerTube's array of tasks) has no form at all.
      if (schema?.type !== undefined && schema.type !== "object")
        unsatisfied?.push(
          `${FORM_OF_NO_FIELDS}: a ${mediaType} body is named fields, and the schema is of type ${String(schema.type)}`,
        );
      input.body = withFiles(
        document,
        schema,
        formFields(schema, await fake(document, schema, seed, false, unsatisfied)),
      );
    } else if (/json/i.test(mediaType))
      input.body =
        media?.example !== undefined && schema && validateValue(document, schema, media.example).length === 0
          ? media.example
          : await fake(document, schema, seed, false, unsatisfied);
    else if (/^text\//i.test(mediaType)) input.body = "some text";
    else input.body = new Blob(["binary bytes"]);
  }
  return input;
}

/**
 * The status a call should end with: a success where the spec declares one (or no response at all, as
 * OpenAPI 3.1 allows); otherwise the first final status it declares (else `default`, read as a success), which the client must throw as a typed
 * AngoAPIError with that status. An operation that declares only 1xx statuses cannot be answered at all
 * (1xx are interim responses that fetch never returns): the mock answers 501, and the client throws that.
 */
export function expectedStatus(document: Json, descriptor: Descriptor): number {
  const resolvedItem = deref(document, document.paths[descriptor.path]);
  const codes = Object.keys(resolvedItem?.[descriptor.method.toLowerCase()]?.responses ?? {});
  // As the mock chooses its answer (answers.ts): a success; else the first final status; else `default`.
  if (codes.length === 0 || codes.some((code) => /^2/.test(code))) return 200;
  const final = codes.find((code) => /^[3-5]/.test(code));
  if (final) return Number(final.replace(/XX$/i, "00"));
  return codes.includes("default") ? 200 : 501;
}

/**
 * What the client said when it refused a call because the document itself allows no such request: its
 * parameter style cannot carry its own schema's value (an object inside a form-style array), its
 * URL-encoded form has a file field, or its method is one fetch never sends (TRACE). The client names
 * the reason before sending, as it must; the census counts the document impossible, and the contract
 * tests skip the call with the reason. Undefined for any other error.
 */
export function refusedByDocument(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "AngoInvalidRequestError") return undefined;
  return DOCUMENT_REFUSALS.some((words) => error.message.includes(words))
    ? `${error.name}: ${error.message}`
    : undefined;
}

/** The client's words for those refusals (its params.ts, encoders.ts and request.ts). */
const DOCUMENT_REFUSALS = [
  "cannot serialise",
  "a method fetch refuses to send",
  "which a URL-encoded form cannot carry",
];
