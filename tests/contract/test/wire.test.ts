import { AngoResponseParseError, createAngoClient } from "@ango-hub/client";
import { MockAngo, type MockAngoServer, type MockResponse, startMockAngoServer } from "@ango-hub/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  callOperation,
  deref,
  docsExampleRequest,
  docsExampleResponse,
  fake,
  inputFor,
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
 * `count` response bodies from json-schema-faker, seeded. At its recursion limit the faker sometimes
 * emits a value outside the schema, so each one is kept only if the spec validator accepts it.
 */
function generatedResponses(op: (typeof specOperations)[number], count: number): [string, unknown][] {
  if (!op.successSchema) return [];
  const kept: [string, unknown][] = [];
  for (let seed = 1000; kept.length < count && seed < 1200; seed++) {
    const body = fake(op.successSchema, seed, { optionals: 0.8 });
    if (judge.validateResponse(body, op.operationId, op.successStatus).valid)
      kept.push([`seed ${seed}`, body]);
  }
  return kept;
}

describe.each(specOperations.map((op) => [op.operationId, op] as const))(
  "%s over HTTP",
  (operationId, op) => {
    const ango = () => createAngoClient({ apiKey: KEY, server: server.url, maxRetries: 0 });
    const call = (input: unknown) => callOperation(ango(), op, input);

    test("a generated call passes the server's spec validation (path, apikey, content type, body)", async () => {
      nextAnswer = undefined;
      const before = server.mock.calls.length;
      await call(inputFor(op, 11));
      expect(server.mock.calls.slice(before)).toEqual([
        expect.objectContaining({ operationId: op.operationId, valid: true, status: op.successStatus }),
      ]);
    });

    const responses: [string, unknown][] = [
      ...(operationId === "updateProjectBatches"
        ? [["the docs example", docsExampleResponse] as [string, unknown]]
        : []),
      ...generatedResponses(op, 20),
    ];

    test("json-schema-faker supplied 20 spec-valid responses (none was silently dropped from the count)", () => {
      expect(responses.filter(([name]) => name.startsWith("seed "))).toHaveLength(op.successSchema ? 20 : 0);
    });

    test.each(responses)("a spec-valid response (%s) comes back as data, deep-equal", async (_name, body) => {
      expect(server.mock.validateResponse(body, op.operationId, op.successStatus)).toEqual({
        valid: true,
        errors: [],
      });
      nextAnswer = { status: op.successStatus, body };
      const input =
        operationId === "updateProjectBatches"
          ? { projectId: "p", body: docsExampleRequest }
          : inputFor(op, 3);
      expect(await call(input)).toEqual(body);
    });

    // A value of another JSON type than the success schema's (a schema without a type allows anything).
    const successType = op.successSchema && deref(op.successSchema).type;
    const invalid = successType === "object" ? ["not an object"] : { not: "what the schema describes" };
    test.runIf(successType && op.successStatus < 300)(
      "a response the spec does not allow is handled as documented",
      async () => {
        // JSON that breaks the schema is passed through unvalidated (the client does not validate responses).
        expect(server.mock.validateResponse(invalid, op.operationId, op.successStatus).valid).toBe(false);
        nextAnswer = { status: op.successStatus, body: invalid };
        expect(await call(inputFor(op, 5))).toEqual(invalid);
        // A success without JSON is a typed error, not a crash.
        nextAnswer = { status: op.successStatus, body: undefined };
        await expect(call(inputFor(op, 5))).rejects.toBeInstanceOf(AngoResponseParseError);
      },
    );
  },
);
