// `@ango-hub/client/raw`: openapi-fetch's `{ data, error, response }` client behind the same key guard.
// A separate entry point, so consumers of the typed client never ship openapi-fetch's client.
import type { paths } from "@ango-hub/types";
import type { Client } from "openapi-fetch";
import { createRawClient, type RawAngoClientOptions } from "./raw-client.js";
import { specAccess } from "./spec-access.js";

export type { RawAngoClientOptions };

/**
 * An openapi-fetch client for Ango Hub. It adds the API key to requests for the configured origin only
 * and never lets fetch follow a redirect by itself (any `redirect` option is replaced by `"manual"`), but
 * it has no timeout, retries or typed errors: prefer `createAngoClient` unless you need this style.
 *
 * ```ts
 * const raw = createRawAngoClient({ apiKey, server: "us" });
 * const { data, error } = await raw.POST("/batches/{projectId}", { params: { path: { projectId } }, body });
 * ```
 */
export function createRawAngoClient(options: RawAngoClientOptions = {}): Client<paths> {
  return createRawClient<paths>(options, specAccess);
}
