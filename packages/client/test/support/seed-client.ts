// The client of the frozen seed document (test/generated, SEED_TARGETS of the codegen): the rule tests
// call its one operation, `updateProjectBatches`, on its servers and key header, so they hold whatever
// document spec/ holds.
import type { Client } from "openapi-fetch";
import type { AngoClientOptions, ApiAccess } from "../../src/config.js";
import { createRawClient, type RawAngoClientOptions } from "../../src/raw-client.js";
import { AngoRuntime } from "../../src/runtime.js";
import { type BoundOperations, bindOperations } from "../generated/operations.js";
import { apiAccess, apiKeyScheme, serverPresets } from "../generated/servers.js";
import type { paths } from "../generated/types.js";

export * from "../generated/operations.js";
export { apiKeyScheme, serverPresets };

/** The seed's servers and key header, as the spec's are handed to the runtime. */
export const seedAccess: ApiAccess = apiAccess;

/** The runtime with the seed's operation as a method, as createAngoClient builds one from the spec's. */
export type SeedClient = AngoRuntime & BoundOperations;

/** createAngoClient's rules on the seed's operations. */
export function createSeedClient(options: AngoClientOptions = {}): SeedClient {
  const runtime = new AngoRuntime(options, seedAccess);
  return Object.assign(runtime, bindOperations(runtime));
}

/** createRawAngoClient's rules on the seed's paths, servers and key header. */
export function createSeedRawClient(options: RawAngoClientOptions = {}): Client<paths> {
  return createRawClient<paths>(options, seedAccess);
}
