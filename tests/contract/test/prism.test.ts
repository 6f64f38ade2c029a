import { statSync } from "node:fs";
import { AngoValidationError, createAngoClient } from "@ango-hub/client";
import { displayText } from "@ango-hub/client/text";
import { NULL_BODY_STATUSES } from "@ango-hub/testing";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { mutations } from "./support/mutations.js";
import { type Prism, startPrism } from "./support/prism.js";
import {
  type CaseBudget,
  callOperation,
  casesPerOperation,
  deref,
  docsExampleRequest,
  inputFor,
  orSkip,
  type SpecOperation,
  sample,
  specOperations,
  specPath,
  UnsatisfiableInput,
} from "./support/spec.js";

// An independent judge nobody here wrote: Stoplight Prism validates the same calls against the spec
// and answers 422 for an invalid request, 401 for a missing key.
const KEY = "prism-key-123456";
const SEED = 20261125;
let prism: Prism;
/**
 * The largest document Prism judges here: it reads a description of Stripe's size (2.5 MB) for over four
 * minutes before it listens. Past this size the file is skipped, by name; the mock still judges every call.
 */
const PRISM_MAX_DOCUMENT_BYTES = 1_000_000;
const documentBytes = statSync(specPath).size;
const tooLarge = documentBytes > PRISM_MAX_DOCUMENT_BYTES;
beforeAll(async () => {
  if (!tooLarge) prism = await startPrism();
}, 90_000);
afterAll(async () => prism?.close());
beforeEach(({ skip }) => {
  if (tooLarge)
    skip(
      `the document is ${documentBytes} bytes, over PRISM_MAX_DOCUMENT_BYTES (${PRISM_MAX_DOCUMENT_BYTES})`,
    );
});

// Operations without a body or with a JSON one; multipart and other encodings are judged by the mock
// (wire.test.ts) and the corpus suite.
const judged = specOperations.filter((op) => !op.requestBody || /json/i.test(op.requestBody.contentType));
/** Requests Prism judges per operation: 60 each on a small spec, 600 in all on a large one (at least 2). */
const PRISM_CASES: CaseBudget = { perOperation: 60, total: 600, least: 2 };
const generatedRequests = casesPerOperation(PRISM_CASES, judged.length);

describe.each(judged.map((op) => [op.operationId, op] as const))("%s judged by Prism", (operationId, op) => {
  // Prism requires a header the spec declares that fetch writes itself: no client can send it as given.
  // Prism cannot find a query parameter whose name percent-encoding changes (`resources[]`): it looks
  // for the encoded name, which no request carries (stoplightio/prism#2443, open).
  const unmatchedByPrism = op.parameters
    .filter((p) => p.in === "query" && p.required && encodeURIComponent(p.name) !== p.name)
    .map((p) => p.name);
  beforeEach(({ skip }) => {
    if (op.fetchOwnedHeaders.length > 0)
      skip(`skipped: the spec requires ${op.fetchOwnedHeaders.join(", ")}, which fetch writes itself`);
    if (unmatchedByPrism.length > 0)
      skip(
        `skipped: Prism cannot match the required query parameter ${displayText(unmatchedByPrism.join(", "), 200)} (stoplightio/prism#2443); the mock judges it`,
      );
    // Prism's response check parses every content key of the answered response as a media type, and
    // the parser's throw ends Prism's process: no later request would be judged.
    if (op.nonMediaTypes.length > 0)
      skip(
        `skipped: the document lists ${displayText(op.nonMediaTypes.join(", "), 200)} as content types, which are no media types, and Prism exits on them; the mock judges it`,
      );
  });

  const ango = (apiKey = KEY) => createAngoClient({ apiKey, server: prism.url, maxRetries: 0 });
  const call = (input: unknown, apiKey?: string) => callOperation(ango(apiKey), op, input);
  // A JSON body comes back where the spec declares one, on a status that carries one (not 204/205/304);
  // Prism answers with the spec's example, which need not be an object.
  const answersBody = Boolean(op.successSchema) && !NULL_BODY_STATUSES.has(op.successStatus);

  test("the docs example request is accepted", async ({ skip }) => {
    const input =
      operationId === "updateProjectBatches"
        ? { projectId: "p1", body: docsExampleRequest }
        : await orSkip(skip, () => inputFor(op, 1));
    const result = await orSkip(skip, () => call(input));
    if (answersBody) expect(result).not.toBeUndefined();
  });

  test(`${generatedRequests} generated requests are accepted`, async ({ skip }) => {
    // A document that allows no such request (the client refuses it unsent) is skipped with the reason.
    await orSkip(skip, async () => call(await inputFor(op, 1)));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const input = await inputFor(op, seed).catch((error: unknown) => error);
        fc.pre(!(input instanceof UnsatisfiableInput));
        if (input instanceof Error) throw input;
        const result = await call(input).catch((error: unknown) => error);
        fc.pre(!(result instanceof UnsatisfiableInput));
        if (result instanceof Error) throw result;
        if (answersBody) expect(result).not.toBeUndefined();
      }),
      { seed: SEED, numRuns: generatedRequests },
    );
  }, 60_000);

  // A value of the wrong JSON type for the body's schema.
  const schemaType = op.requestBody && deref(op.requestBody.schema).type;
  // Prism answers with the 400 the operation declares, else 422.
  test.runIf(schemaType)(
    "an invalid body is a 400 or 422 from Prism, surfaced as AngoValidationError",
    async ({ skip }) => {
      const invalid = schemaType === "string" ? 12345 : "not what the schema describes";
      const input = await orSkip(skip, () => inputFor(op, 2, invalid));
      const error = await call(input).catch((e: unknown) => e);
      if (error instanceof UnsatisfiableInput) skip(`skipped: ${displayText(error.message, 300)}`);
      expect(error).toBeInstanceOf(AngoValidationError);
      expect([400, 422]).toContain((error as AngoValidationError).status);
    },
  );

  test("Prism agrees the key is required: without it, 401", async ({ skip }) => {
    const requestBody = op.requestBody;
    const body = requestBody
      ? JSON.stringify(await orSkip(skip, () => sample(requestBody.schema, 1)))
      : undefined;
    const response = await fetch(`${prism.url}${op.path.replace(/\{[^}]+\}/g, "p1")}`, {
      method: op.method.toUpperCase(),
      headers: body ? { "content-type": op.requestBody?.contentType ?? "application/json" } : {},
      body,
    });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});

// The seed's own operation: skipped, with its name, in a spec without it.
const seedOperation = specOperations.find((o) => o.operationId === "updateProjectBatches");
describe.runIf(seedOperation)("mutated updateProjectBatches bodies judged by Prism", () => {
  const op = seedOperation;
  test.each(mutations)("%s: 422 from Prism, AngoValidationError from the client", async (_name, mutate) => {
    const ango = createAngoClient({ apiKey: KEY, server: prism.url, maxRetries: 0 });
    for (const seed of [1, 2, 3]) {
      const valid = (await sample(op?.requestBody?.schema ?? {}, seed)) as {
        batches: Record<string, unknown>[];
      };
      if (valid.batches.length === 0) valid.batches.push({ name: "Batch 1" });
      // Called by name from the generated list, so no code names a method the spec may not have.
      const error = await callOperation(ango, op as SpecOperation, {
        projectId: "p",
        body: mutate(valid),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AngoValidationError);
      expect([400, 422]).toContain((error as AngoValidationError).status);
    }
  });
});
