// What the mock answers with, and how an answer becomes a fetch Response.

import type { Json, MockResponse } from "./mock.js";
import { resolveLocalRef } from "./refs.js";
import { sampleValue } from "./samples.js";
import { validateValue } from "./value-check.js";

/** An answer with what the mock records of it. */
export type Outcome = MockResponse & { operationId?: string | undefined; valid: boolean; reason?: string };

/** Generated answers are reproducible: the same document gives the same bodies. */
const ANSWER_SEED = 20261125;

/** Ango's error body: `{ status: "error", message }`. */
export function errorBody(message: string) {
  return { status: "error", message };
}

/** A media type without its parameters, lower-cased: `application/json; charset=utf-8` is `application/json`. */
export function mediaTypeEssence(type: string): string {
  return type.split(";")[0]?.trim().toLowerCase() ?? "";
}

export const isJsonType = (type: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);

/**
 * The answer to a valid request the caller did not answer: the operation's first 2xx response (else the
 * first final status it declares), its example when its schema accepts it (and `from` is "example"),
 * else a value generated from its schema (sampleValue), in the media type the Accept header names (else
 * the first declared). A spec-validating mock never serves what its spec forbids, example or not.
 */
export async function exampleOrGenerated(
  document: Json,
  operation: Json,
  accept: string,
  from: "example" | "schema" = "example",
): Promise<MockResponse> {
  const responses = (operation.responses ?? {}) as Json;
  const codes = Object.keys(responses);
  // The first success; without one, the first final status the spec declares (1xx are not final).
  const code =
    codes.find((c) => /^2/.test(c)) ??
    codes.find((c) => /^[3-5]/.test(c)) ??
    (codes.includes("default") ? "default" : undefined);
  if (code === undefined)
    return {
      status: 501,
      body: errorBody(`${NO_FINAL_STATUS} for ${operation.operationId}.`),
    };
  const status = statusOfCode(code);
  const response = resolveLocalRef(document, responses[code]) ?? {};
  const mediaTypes = Object.entries(response.content ?? {}) as [string, Json][];
  // Content negotiation: the first declared type the Accept header names, else the first declared.
  const wanted = accept.split(",").map(mediaTypeEssence);
  const [mediaType, media] =
    mediaTypes.find(([type]) => wanted.includes(type.toLowerCase())) ?? mediaTypes[0] ?? [];
  if (!mediaType || status === 204 || status === 205) return { status };
  const schema = media?.schema ? resolveLocalRef(document, media.schema) : undefined;
  // A wildcard (`*/*`, `application/*`) admits JSON, with a schema or without one (then any JSON): a
  // client that asks for JSON gets it, as a server that reads Accept answers.
  const acceptsJson = accept === "" || wanted.some((type) => type === "application/json" || type === "*/*");
  const answerType =
    mediaType.includes("*") && acceptsJson && /^(\*|application)\//.test(mediaType)
      ? "application/json"
      : mediaType;
  const headers = { "content-type": answerType === "*/*" ? "application/octet-stream" : answerType };
  const example =
    media?.example ??
    (
      Object.values((media?.examples ?? {}) as Json).map((e) => resolveLocalRef(document, e as Json))[0] as
        | Json
        | undefined
    )?.value;
  if (!isJsonType(answerType)) {
    if (typeof example === "string") return { status, headers, body: example };
    return { status, headers, body: schema?.format === "binary" ? "\u0000mock-bytes" : "mock text" };
  }
  if (
    example !== undefined &&
    (!schema || (from === "example" && validateValue(document, schema, example).length === 0))
  )
    return { status, headers, body: example };
  if (!schema) return { status, headers, body: {} };
  const sample = await sampleValue(document, schema, { seed: ANSWER_SEED });
  if (!sample.valid) {
    return {
      status: 500,
      headers,
      body: errorBody(`${NO_VALID_ANSWER}: ${sample.errors.join("; ")}`),
    };
  }
  return { status, headers, body: sample.value };
}

/** The status a response key stands for: `201` as it is, `2XX` as 200, `default` as 200. */
function statusOfCode(code: string): number {
  if (/^\d{3}$/.test(code)) return Number(code);
  if (/^\dXX$/i.test(code)) return Number(code[0]) * 100;
  return 200;
}

/**
 * How the mock's 500 begins when its sampler found no value for the response schema (a `oneOf` every
 * value matches twice, a pattern no string meets): the document allows no answer, and tests skip on it.
 */
export const NO_VALID_ANSWER = "The mock could not generate a valid response";

/**
 * How the mock's 501 begins for an operation that declares no final status (only `101 Switching
 * Protocols`, a WebSocket): there is no answer a fetch client can receive.
 */
export const NO_FINAL_STATUS = "The spec declares no final status";

/** Statuses HTTP sends without a body (fetch's Response refuses one): a body given for them is dropped. */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

export function toResponse(outcome: Outcome): Response {
  const headers = new Headers(outcome.headers);
  let body: string | null = null;
  if (outcome.body !== undefined && !NULL_BODY_STATUSES.has(outcome.status)) {
    const type = headers.get("content-type") ?? "application/json";
    headers.set("content-type", type);
    body = isJsonType(type) ? JSON.stringify(outcome.body) : String(outcome.body);
  }
  return new Response(body, { status: outcome.status, headers });
}
