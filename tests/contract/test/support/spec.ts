// Reads the operations straight from the spec file with the repository's one OpenAPI reader (the codegen
// and the mock read it the same way), so the generated code is checked against the document itself.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { AngoAPIError } from "@ango-hub/client";
import { displayText } from "@ango-hub/client/text";
import { refusedByDocument, inputFor as sampledInput } from "@ango-hub/corpus-tests/inputs";
import {
  FETCH_OWNED_HEADERS,
  HTTP_METHODS,
  isMediaType,
  type Json,
  operationNames,
  parametersOf,
  resolveLocalRef,
} from "@ango-hub/openapi-reader";
import { specDocument, specDocumentPath } from "@ango-hub/spec/document";
import { type SampleOptions, sampleValue, withJsonSchemaDialect } from "@ango-hub/testing";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

/** The spec document, JSON or YAML as the vendor serves it (Prism reads either). */
export const specPath = specDocumentPath();
export const spec = specDocument();
export const docsExampleRequest = JSON.parse(
  readFileSync(specFile("examples/docs-example-request.json"), "utf8"),
);
export const docsExampleResponse = JSON.parse(
  readFileSync(specFile("examples/docs-example-response.json"), "utf8"),
);

/**
 * The spec as the mock's validator and sampler read it (OpenAPI 3.0's dialect as JSON Schema): the
 * operations' schemas below are this copy's, so values are sampled from what the mock will judge.
 */
const sampled: Json = structuredClone(spec);
withJsonSchemaDialect(sampled);

/** A value of the spec with its local references followed. */
export function deref(value: Json): Json {
  return resolveLocalRef(sampled, value) ?? {};
}

export interface SpecOperation {
  /** The name the client's function, its descriptor and the mock all give it (operationNames). */
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { required: boolean; contentType: string; schema: Json };
  successStatus: number;
  /** The answered response's body schema, when it is JSON (an error body where the answer is an error). */
  successSchema?: Json;
  /** Whether the client parses a success as JSON: a 2xx (or, without one, `default`) declares JSON. */
  returnsJson: boolean;
  /** Required header parameters fetch writes itself (Content-Length...): no client sends them as given. */
  fetchOwnedHeaders: string[];
  /** Content keys of its request body and responses that are no media type (`access`, not `type/subtype`). */
  nonMediaTypes: string[];
}

/**
 * The response a valid call is answered with, by the mock and by Prism alike: the first 2xx, else the
 * first final status the spec declares (3xx-5xx), else `default`. An operation may declare no success.
 */
function answeredResponse(responses: Json): [string, Json] | [] {
  const entries = Object.entries(responses ?? {});
  return (
    entries.find(([code]) => /^2/.test(code)) ??
    entries.find(([code]) => /^[3-5]/.test(code)) ??
    entries.find(([code]) => code === "default") ??
    []
  );
}

function statusOf(code: string | undefined): number {
  if (code === undefined || code === "default") return 200;
  return /^\dXX$/i.test(code) ? Number(code[0]) * 100 : Number(code);
}

const names = operationNames(spec);

// `paths` and an operation's `responses` are optional in OpenAPI 3.1 (a document of webhooks only).
export const specOperations: SpecOperation[] = Object.entries((sampled.paths ?? {}) as Json).flatMap(
  ([path, raw]) => {
    const item = deref(raw);
    return HTTP_METHODS.filter((method) => item[method]).map((method) => {
      const op = item[method];
      const responses = (op.responses ?? {}) as Json;
      const parameters = parametersOf(sampled, item, op).map((param) => ({
        name: param.name,
        in: param.in,
        required: param.in === "path" || param.required === true,
        schema: param.schema,
      }));
      const body = op.requestBody && !["get", "head"].includes(method) ? deref(op.requestBody) : undefined;
      const contents = Object.entries((body?.content ?? {}) as Json);
      const [contentType, media] = contents.find(([type]) => /json/i.test(type)) ?? contents[0] ?? [];
      const [successCode, success] = answeredResponse(responses);
      const successMedia = success
        ? (Object.entries(deref(success).content ?? {}).find(([type]) => /json/i.test(type))?.[1] as
            | Json
            | undefined)
        : undefined;
      return {
        operationId: names.get(`${method.toUpperCase()} ${path}`) as string,
        method,
        path,
        parameters,
        ...(body && contentType
          ? { requestBody: { required: body.required === true, contentType, schema: media.schema } }
          : {}),
        successStatus: statusOf(successCode),
        fetchOwnedHeaders: [...(item.parameters ?? []), ...(op.parameters ?? [])]
          .map((p: unknown) => deref(p as Json))
          .filter((p) => p.in === "header" && p.required === true && FETCH_OWNED_HEADERS.test(String(p.name)))
          .map((p) => String(p.name)),
        nonMediaTypes: [body, ...Object.values(responses as Json).map((response) => deref(response as Json))]
          .flatMap((part) => Object.keys((part?.content ?? {}) as Json))
          .filter((type) => !isMediaType(type)),
        returnsJson: Object.entries(responses)
          .filter(
            ([code], _i, all) => /^2/.test(code) || (code === "default" && !all.some(([c]) => /^2/.test(c))),
          )
          .some(([, response]) =>
            Object.keys(deref(response).content ?? {}).some((type) => /json/i.test(type)),
          ),
        ...(successMedia?.schema ? { successSchema: successMedia.schema } : {}),
      };
    });
  },
);

/**
 * No value of a schema the call needs could be found (a pattern no string matches, a required field
 * no value satisfies): the document allows no valid call, so a test of one is skipped with this reason.
 */
export class UnsatisfiableInput extends Error {}

/**
 * A value of `schema` (one of the operations' schemas) the mock's validator accepts: the mock's own
 * sampler (json-schema-faker, seeded, each value checked), so a test never sends what the spec forbids.
 * Throws UnsatisfiableInput where the sampler found no valid value, naming the validator's complaint.
 */
export async function sample(
  schema: Json,
  seed: number,
  optionalFields: SampleOptions["optionalFields"] = "some",
): Promise<unknown> {
  const result = await sampleValue(sampled, schema, { seed, optionalFields, maxItems: 3 });
  if (!result.valid) throw new UnsatisfiableInput(`no value satisfies the schema: ${result.errors[0]}`);
  return result.value;
}

/** `make()`, or the test skipped (through Vitest's `skip`) where the document allows no valid input. */
export async function orSkip<T>(skip: (note: string) => never, make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (error) {
    if (error instanceof UnsatisfiableInput) skip(`skipped: ${displayText(error.message, 300)}`);
    throw error;
  }
}

/**
 * The client-call input for an operation, seeded: every path parameter and required query, header and
 * cookie parameter, and the body (`body` in its place when given), as the census and corpus make them.
 */
export async function inputFor(op: SpecOperation, seed: number, body?: unknown): Promise<Json> {
  const unsatisfied: string[] = [];
  const input = await sampledInput(
    sampled,
    {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      params: [],
      ...(op.requestBody
        ? { body: { mediaType: op.requestBody.contentType, required: op.requestBody.required } }
        : {}),
    },
    seed,
    unsatisfied,
  );
  if (unsatisfied.length > 0) throw new UnsatisfiableInput(`no valid input: ${unsatisfied[0]}`);
  if (body !== undefined) input.body = body;
  // A JSON body drawn from the seed (the shared input prefers the spec's example, the same every time).
  else if (op.requestBody && /json/i.test(op.requestBody.contentType))
    input.body = await sample(op.requestBody.schema, seed);
  return input;
}

/**
 * Calls a client method for `op`. Where the spec's answer to a valid call is not a success (an operation
 * that declares only a 403, say), the client throws the typed error with that status: its body is the
 * answer, and any other failure is thrown.
 */
export async function callOperation(client: object, op: SpecOperation, input: unknown): Promise<unknown> {
  const method = (client as Record<string, ((input: unknown) => Promise<unknown>) | undefined>)[
    op.operationId
  ];
  if (typeof method !== "function") throw new Error(`The client has no method ${op.operationId}`);
  try {
    return await method(input);
  } catch (error) {
    if (op.successStatus >= 300 && error instanceof AngoAPIError && error.status === op.successStatus)
      return error.body;
    // The document allows no such request (a file in a URL-encoded form...): the client said so, unsent.
    const refusal = refusedByDocument(error);
    if (refusal) throw new UnsatisfiableInput(refusal);
    throw error;
  }
}

/**
 * How many generated cases a property checks of each operation: `perOperation` while the spec has few
 * operations, then an equal share of `total`, never under `least`. A document of 500 operations then
 * costs about what one of 50 does, and each operation is still called with many inputs.
 */
export interface CaseBudget {
  perOperation: number;
  total: number;
  least: number;
}

export function casesPerOperation(budget: CaseBudget, operations: number): number {
  const share = Math.floor(budget.total / Math.max(1, operations));
  return Math.max(budget.least, Math.min(budget.perOperation, share));
}
