import { AngoValidationError, createAngoClient } from "@ango-hub/client";
import { type MockAngoServer, startMockAngoServer } from "@ango-hub/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mutations } from "./support/mutations.js";
import { callOperation, inputFor, sample, specOperations } from "./support/spec.js";

const KEY = "property-key-123456";
// Fixed seed: every run generates the same cases; a failure prints the seed and path to replay it.
const SEED = 20261125;
let server: MockAngoServer;
beforeAll(async () => {
  server = await startMockAngoServer({ apiKey: KEY });
});
afterAll(async () => server.close());

// Generated bodies for every JSON request body (multipart and other encodings are covered by the corpus suite).
const withBody = specOperations.filter((op) => op.requestBody && /json/i.test(op.requestBody.contentType));

describe.each(withBody.map((op) => [op.operationId, op] as const))(
  "%s, property-based",
  (_operationId, op) => {
    const ango = () => createAngoClient({ apiKey: KEY, server: server.url, maxRetries: 0 });
    const call = (input: unknown) => callOperation(ango(), op, input);

    test("300 bodies generated from the request schema all pass the server's validation", async () => {
      const before = server.mock.calls.length;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          await call(await inputFor(op, seed));
          const last = server.mock.calls.at(-1);
          expect(last, last?.reason).toMatchObject({ valid: true, status: op.successStatus });
        }),
        { seed: SEED, numRuns: 300 },
      );
      expect(server.mock.calls.length - before).toBe(300);
    });
  },
);

// The seed's own operation: skipped, with its name, in a spec without it.
const seedOperation = specOperations.find((o) => o.operationId === "updateProjectBatches");
describe.runIf(seedOperation)("mutated updateProjectBatches bodies", () => {
  const op = seedOperation;
  const ango = () => createAngoClient({ apiKey: KEY, server: server.url, maxRetries: 0 });

  test.each(mutations)(
    "%s: refused by the server as a 400, surfaced as AngoValidationError, never valid",
    async (_name, mutate) => {
      const before = server.mock.calls.length;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          const valid = (await sample(op?.requestBody?.schema ?? {}, seed)) as {
            batches: Record<string, unknown>[];
          };
          fc.pre(valid.batches.length > 0);
          const body = mutate(valid);
          // The cast is the point: the TypeScript types reject these bodies at compile time (mutations.test-d.ts).
          const error = await ango()
            .updateProjectBatches({ projectId: "p", body: body as never })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(AngoValidationError);
          expect((error as AngoValidationError).message).toMatch(/Invalid request: /);
        }),
        { seed: SEED, numRuns: 40 },
      );
      const calls = server.mock.calls.slice(before);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.valid)).toEqual([]);
    },
  );
});
