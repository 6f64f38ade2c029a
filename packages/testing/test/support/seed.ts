// The mock on the frozen seed document, with the handlers its overrides give, called through the
// client's runtime with the seed's generated operation (test/generated, SEED_TARGETS of the codegen):
// tests of the mock's rules hold whatever document spec/ holds.
import type { AngoClientOptions } from "@ango-hub/client";
import { AngoRuntime } from "@ango-hub/client/contract";
import {
  MockAngo,
  type MockAngoOptions,
  type MockAngoServerOptions,
  startMockAngoServer,
} from "../../src/index.js";
import { mockHandlers, openApiDocument } from "../generated/openapi-document.js";
import { bindOperations } from "../generated/operations.js";
import { apiAccess } from "../generated/servers.js";

/** The mock's options for the seed: its document and the built-in handlers its overrides give (both generated), then `options`. */
export const seedOptions = (options: MockAngoOptions = {}): MockAngoOptions => ({
  document: structuredClone(openApiDocument),
  handlers: mockHandlers,
  ...options,
});

export const seedServer = (options: MockAngoServerOptions = {}) =>
  startMockAngoServer({ ...seedOptions(), ...options });

export const seedMock = (options: MockAngoOptions = {}) => new MockAngo(seedOptions(options));

/** A client with the seed's operation as a method, as createAngoClient builds one from the spec's. */
export function seedClient(options: AngoClientOptions) {
  const runtime = new AngoRuntime(options, apiAccess);
  return Object.assign(runtime, bindOperations(runtime));
}
