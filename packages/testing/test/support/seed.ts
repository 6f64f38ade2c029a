// The mock on the frozen seed document, with the handlers its overrides give, called through the
// client's runtime with the seed's generated operation (test/generated, SEED_TARGETS of the codegen):
// tests of the mock's rules hold whatever document spec/ holds.
import { type AngoClientOptions, createAngoRuntime } from "@ango-hub/client";
import { seedDocument, seedMockHandlers } from "@ango-hub/test-support/seed";
import {
  MockAngo,
  type MockAngoOptions,
  type MockAngoServerOptions,
  startMockAngoServer,
} from "../../src/index.js";
import { bindOperations } from "../generated/operations.js";

/** The mock's options for the seed: its document and built-in handlers, then `options`. */
export const seedOptions = (options: MockAngoOptions = {}): MockAngoOptions => ({
  document: seedDocument(),
  handlers: seedMockHandlers(),
  ...options,
});

export const seedServer = (options: MockAngoServerOptions = {}) =>
  startMockAngoServer({ ...seedOptions(), ...options });

export const seedMock = (options: MockAngoOptions = {}) => new MockAngo(seedOptions(options));

/** A client with the seed's operation as a method, as createAngoClient builds one from the spec's. */
export function seedClient(options: AngoClientOptions) {
  const runtime = createAngoRuntime(options);
  return Object.assign(runtime, bindOperations(runtime));
}
