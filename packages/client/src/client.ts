import type { AngoClientOptions } from "./config.js";
import { type BoundOperations, bindOperations } from "./generated/internal.js";
import { AngoRuntime } from "./runtime.js";
import { specAccess } from "./spec-access.js";

/** A client with every operation of the spec as a method, plus `baseUrl`. */
export type AngoClient = AngoRuntime & BoundOperations;

/**
 * Creates a client for Ango Hub.
 *
 * ```ts
 * const ango = createAngoClient({ apiKey: process.env.ANGO_API_KEY, server: "us" });
 * const result = await ango.updateProjectBatches({ projectId, body: { batches: [{ name: "Batch 1" }] } });
 * ```
 *
 * Throws AngoConfigError when an option is wrong (missing key, unknown server, insecure URL, ...).
 */
export function createAngoClient(options: AngoClientOptions = {}): AngoClient {
  const runtime = new AngoRuntime(options, specAccess);
  return Object.assign(runtime, bindOperations(runtime));
}

/**
 * A client without operation methods, for the smallest bundles: call the standalone functions with it,
 * e.g. `updateProjectBatches(runtime, input)`, and the bundler drops every operation you do not import.
 */
export function createAngoRuntime(options: AngoClientOptions = {}): AngoRuntime {
  return new AngoRuntime(options, specAccess);
}
