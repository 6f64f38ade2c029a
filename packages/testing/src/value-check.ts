import { OpenAPIValidator, ValidationContext } from "openapi-backend";
import { AJV_OPTIONS, configureAjv } from "./ajv.js";
import { pointerSegments } from "./json-pointer.js";
import type { Json } from "./refs.js";
import { SUBSCHEMA, SUBSCHEMA_LIST, SUBSCHEMA_MAP } from "./schema-keywords.js";

// What the mock's validator says of a value against a schema of the document: one Ajv per document,
// set up as the mock's own, each schema compiled once.
/** One problem the validator found: where in the value (a JSON pointer, `""` for the whole) and what. */
export interface ValueProblem {
  instancePath: string;
  message: string;
}
/** What the validator said of a value: its problems, one line each, and the strings of the wrong length. */
export type Check = (value: unknown) => CheckResult;
export interface CheckResult {
  problems: ValueProblem[];
  errors: string[];
  misfits: LengthMisfit[];
  overlaps: OneOfOverlap[];
}
/**
 * A string under its schema's `minLength` or over its `maxLength` (`over`): where it is (JSON pointer
 * segments) and the length it must reach or keep to.
 */
/**
 * A `oneOf` whose value matched more than one branch: where the value is (JSON pointer segments), the
 * branches as the validator holds them (a `$ref` may point into the document held under DOCUMENT_ID),
 * and the indexes of the first two it matched (Ajv stops there).
 */
export interface OneOfOverlap {
  at: string[];
  branches: unknown[];
  passing: number[];
}
export interface LengthMisfit {
  at: string[];
  limit: number;
  over: boolean;
}
/**
 * One Ajv per document, holding the document once; each schema checked is compiled against it, once per
 * text: operations repeat each other's schemas (the same `$ref`, the same inline object), and Ajv keys
 * its own cache by the schema object.
 */
const checkers = new WeakMap<
  Json,
  {
    ajv: ReturnType<OpenAPIValidator["getAjv"]>;
    checks: Map<Json, Check>;
    byText: Map<string, Check>;
  }
>();

/** The `$id` the document is held under in its Ajv: a schema's `#/...` references point into it. */
export const DOCUMENT_ID = "urn:ango-mock:document";

/**
 * A checker of values against `schema` as the mock reads it (Ajv set up as the mock's validator). The
 * document's components and paths are added to one Ajv once, and the schema's local references are read
 * as references into it, so `#/components/...` resolves, a self-referencing schema stays a reference,
 * and each component is compiled once per document however many schemas use it.
 */
export function checkerFor(document: Json, schema: Json): Check {
  let entry = checkers.get(document);
  if (!entry) {
    const ajv = new OpenAPIValidator({
      definition: { openapi: "3.0.3", info: { title: "samples", version: "1" }, paths: {} },
      lazyCompileValidators: true,
      // Verbose: a `oneOf` error then carries its branches, which separated() reads (one-of-overlaps.ts).
      ajvOpts: { ...AJV_OPTIONS, verbose: true },
      customizeAjv: configureAjv,
    }).getAjv(ValidationContext.Response);
    // `paths` too: a schema may refer into another operation (`#/paths/~1pets/post/...`).
    ajv.addSchema({ $id: DOCUMENT_ID, components: document.components ?? {}, paths: document.paths ?? {} });
    entry = { ajv, checks: new Map(), byText: new Map() };
    checkers.set(document, entry);
  }
  let check = entry.checks.get(schema);
  if (check) return check;
  const readable = intoDocument(schema) as Json;
  const text = JSON.stringify(readable);
  check = entry.byText.get(text);
  if (!check) {
    const validate = entry.ajv.compile(readable);
    check = (value) => {
      if (validate(value)) return { problems: [], errors: [], misfits: [], overlaps: [] };
      const found = validate.errors ?? [];
      const problems = found.map((e) => ({
        instancePath: e.instancePath,
        message: e.message ?? "is invalid",
      }));
      return {
        problems,
        errors: problems.map((p) => `${p.instancePath || "body"} ${p.message}`),
        misfits: found.flatMap((e) =>
          (e.keyword === "minLength" || e.keyword === "maxLength") && typeof e.params.limit === "number"
            ? [
                {
                  at: pointerSegments(e.instancePath),
                  limit: e.params.limit,
                  over: e.keyword === "maxLength",
                },
              ]
            : [],
        ),
        overlaps: found.flatMap((e) =>
          e.keyword === "oneOf" && Array.isArray(e.params.passingSchemas) && Array.isArray(e.schema)
            ? [{ at: pointerSegments(e.instancePath), branches: e.schema, passing: e.params.passingSchemas }]
            : [],
        ),
      };
    };
    entry.byText.set(text, check);
  }
  entry.checks.set(schema, check);
  return check;
}

/**
 * `schema` with each local reference (`#/...`) made a reference into the document held under DOCUMENT_ID.
 * Only schema positions are walked: values (`enum`, `default`, examples) and property names stay as they are.
 */
function intoDocument(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  // Built with fromEntries, so a key named `__proto__` stays a key.
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#"))
        return [key, DOCUMENT_ID + value];
      if (SUBSCHEMA.has(key))
        return [key, Array.isArray(value) ? value.map(intoDocument) : intoDocument(value)];
      if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) return [key, value.map(intoDocument)];
      if (SUBSCHEMA_MAP.has(key) && typeof value === "object" && value !== null)
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([name, item]) => [name, intoDocument(item)])),
        ];
      return [key, value];
    }),
  );
}

/**
 * What the mock's validator says of `value` against `schema` (a schema object of `document`): nothing
 * when it is valid, else one line per problem (`/data/0/name must be string`).
 */
export function validateValue(document: Json, schema: Json, value: unknown): string[] {
  return checkerFor(document, schema)(value).errors;
}

/** validateValue's problems, each with where it is, for a caller that places them in a larger value. */
export function valueProblems(document: Json, schema: Json, value: unknown): ValueProblem[] {
  return checkerFor(document, schema)(value).problems;
}
