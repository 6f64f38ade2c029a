import { AngoResponseParseError, AngoServerError, createAngoClient } from "@ango-hub/client";
import {
  MockAngo,
  type MockAngoServer,
  type MockResponse,
  NO_VALID_ANSWER,
  NULL_BODY_STATUSES,
  startMockAngoServer,
} from "@ango-hub/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type CaseBudget,
  callOperation,
  casesPerOperation,
  deref,
  docsExampleRequest,
  docsExampleResponse,
  inputFor,
  orSkip,
  sample,
  specOperations,
} from "./support/spec.js";

const KEY = "contract-key-123456";
let server: MockAngoServer;
// The next answer the server gives after validating the request; undefined keeps the mock's own.
let nextAnswer: MockResponse | undefined;

beforeAll(async () => {
  server = await startMockAngoServer({ apiKey: KEY, respond: () => nextAnswer });
});
afterAll(async () => server.close());

// Validates bodies while tests are collected, before the server starts.
const judge = new MockAngo();

/**
 * `count` response bodies from the mock's sampler, seeded, each checked once more by the mock's response
 * validator. None where the answer carries no body, or where the sampler finds no value at all (the mock
 * then answers 500 and says so: a document problem, named by the test below).
 */
async function generatedResponses(op: (typeof specOperations)[number], count: number) {
  const kept: [string, unknown][] = [];
  if (!op.successSchema || NULL_BODY_STATUSES.has(op.successStatus)) return { kept, unsatisfiable: "" };
  for (let seed = 1000; kept.length < count && seed < 1000 + count; seed++) {
    const body = await sample(op.successSchema, seed).catch((error: Error) => error);
    if (body instanceof Error) return { kept, unsatisfiable: body.message };
    if (judge.validateResponse(body, op.operationId, op.successStatus).valid)
      kept.push([`seed ${seed}`, body]);
  }
  return { kept, unsatisfiable: "" };
}

/** Sampled answers per operation: 20 each on a small spec, 500 in all on a large one (at least 2). */
const RESPONSE_CASES: CaseBudget = { perOperation: 20, total: 500, least: 2 };
const sampledResponses = casesPerOperation(RESPONSE_CASES, specOperations.length);

const generated = new Map(
  await Promise.all(
    specOperations.map(
      async (op) => [op.operationId, await generatedResponses(op, sampledResponses)] as const,
    ),
  ),
);

describe.each(specOperations.map((op) => [op.operationId, op] as const))(
  "%s over HTTP",
  (operationId, op) => {
    const ango = () => createAngoClient({ apiKey: KEY, server: server.url, maxRetries: 0 });
    const call = (input: unknown) => callOperation(ango(), op, input);

    test("a generated call passes the server's spec validation (path, apikey, content type, body)", async ({
      skip,
    }) => {
      nextAnswer = undefined;
      const input = await orSkip(skip, () => inputFor(op, 11));
      // Counted from an empty record: the mock keeps its latest calls only, and a large spec fills it.
      server.mock.calls.length = 0;
      await orSkip(skip, () => call(input)).catch((error: unknown) => {
        // The document allows no answer (the mock's sampler found none): named, not failed.
        if (error instanceof AngoServerError && error.message.includes(NO_VALID_ANSWER))
          skip(`skipped: ${error.message}`);
        throw error;
      });
      expect(server.mock.calls).toEqual([
        expect.objectContaining({ operationId: op.operationId, valid: true, status: op.successStatus }),
      ]);
    });

    const { kept, unsatisfiable } = generated.get(operationId) ?? { kept: [], unsatisfiable: "" };
    const responses: [string, unknown][] = [
      ...(operationId === "updateProjectBatches"
        ? [["the docs example", docsExampleResponse] as [string, unknown]]
        : []),
      ...kept,
    ];
    const bodiless = NULL_BODY_STATUSES.has(op.successStatus);

    test.skipIf(!op.successSchema || bodiless || unsatisfiable)(
      `${sampledResponses} sampled responses are all spec-valid (none silently dropped from the count)${unsatisfiable ? ` — skipped: ${unsatisfiable}` : ""}`,
      () => {
        expect(kept).toHaveLength(sampledResponses);
      },
    );

    test.for(responses)(
      "a spec-valid response (%s) comes back as data, deep-equal",
      async ([, body], { skip }) => {
        expect(server.mock.validateResponse(body, op.operationId, op.successStatus)).toEqual({
          valid: true,
          errors: [],
        });
        nextAnswer = { status: op.successStatus, body };
        const input =
          operationId === "updateProjectBatches"
            ? { projectId: "p", body: docsExampleRequest }
            : await orSkip(skip, () => inputFor(op, 3));
        expect(await orSkip(skip, () => call(input))).toEqual(body);
      },
    );

    // A value of another JSON type than the success schema's (a schema without a type allows anything).
    const successType = op.successSchema && deref(op.successSchema).type;
    const invalid = successType === "object" ? ["not an object"] : { not: "what the schema describes" };
    test.runIf(successType && op.successStatus < 300 && !bodiless)(
      "a response the spec does not allow is handled as documented",
      async ({ skip }) => {
        // JSON that breaks the schema is passed through unvalidated (the client does not validate responses).
        expect(server.mock.validateResponse(invalid, op.operationId, op.successStatus).valid).toBe(false);
        nextAnswer = { status: op.successStatus, body: invalid };
        const input = await orSkip(skip, () => inputFor(op, 5));
        expect(await orSkip(skip, () => call(input))).toEqual(invalid);
        // A success without JSON is a typed error, not a crash.
        nextAnswer = { status: op.successStatus, body: undefined };
        await expect(call(input)).rejects.toBeInstanceOf(AngoResponseParseError);
      },
    );
  },
);
