import { AngoValidationError, createAngoClient } from "@ango-hub/client";
import { type MockAngoServer, startMockAngoServer } from "@ango-hub/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mutations } from "./support/mutations.js";
import {
  type CaseBudget,
  callOperation,
  casesPerOperation,
  inputFor,
  orSkip,
  type SpecOperation,
  sample,
  specOperations,
  UnsatisfiableInput,
} from "./support/spec.js";

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
/** Bodies checked per operation: 300 each on a small spec, 3,000 in all on a large one (at least 30). */
const BODY_CASES: CaseBudget = { perOperation: 300, total: 3000, least: 30 };
const bodies = casesPerOperation(BODY_CASES, withBody.length);

describe.each(withBody.map((op) => [op.operationId, op] as const))(
  "%s, property-based",
  (_operationId, op) => {
    const ango = () => createAngoClient({ apiKey: KEY, server: server.url, maxRetries: 0 });
    const call = (input: unknown) => callOperation(ango(), op, input);

    test(`${bodies} bodies generated from the request schema all pass the server's validation`, async ({
      skip,
    }) => {
      // A document that allows no such request (the client refuses it unsent) is skipped with the reason.
      await orSkip(skip, async () => call(await inputFor(op, 1)));
      let unsatisfied = 0;
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          const input = await inputFor(op, seed).catch((error: unknown) => error);
          if (input instanceof UnsatisfiableInput) {
            unsatisfied++;
            return;
          }
          if (input instanceof Error) throw input;
          const previous = server.mock.calls.at(-1);
          const refused = await call(input).then(
            () => undefined,
            (error: unknown) => error,
          );
          if (refused instanceof UnsatisfiableInput) {
            unsatisfied++;
            return;
          }
          if (refused) throw refused;
          sent++;
          // The newest record (the mock keeps its latest calls only, so counts of them would saturate).
          const last = server.mock.calls.at(-1);
          expect(last).not.toBe(previous);
          expect(last, last?.reason).toMatchObject({ valid: true, status: op.successStatus });
        }),
        { seed: SEED, numRuns: bodies },
      );
      // A seed whose input the sampler could not satisfy is not sent; the others all are (9 in 10 at least).
      expect(sent).toBe(bodies - unsatisfied);
      expect(unsatisfied).toBeLessThan(bodies / 10);
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
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          const valid = (await sample(op?.requestBody?.schema ?? {}, seed)) as {
            batches: Record<string, unknown>[];
          };
          if (valid.batches.length === 0) valid.batches.push({ name: "Batch 1" });
          const body = mutate(valid);
          const previous = server.mock.calls.at(-1);
          // The cast is the point: the TypeScript types reject these bodies at compile time (the client's test/mutations.test-d.ts, on the seed's generated client).
          // Called by name from the generated list (callOperation), so no code names a method the spec
          // may not have.
          const error = await callOperation(ango(), op as SpecOperation, { projectId: "p", body }).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(AngoValidationError);
          expect((error as AngoValidationError).message).toMatch(/Invalid request: /);
          const last = server.mock.calls.at(-1);
          expect(last).not.toBe(previous);
          expect(last?.valid).toBe(false);
          refused++;
        }),
        { seed: SEED, numRuns: 40 },
      );
      expect(refused).toBe(40);
    },
  );
});
