// `@ango-hub/client/raw`: openapi-fetch's `{ data, error, response }` client behind the same key guard.
// A separate entry point, so consumers of the typed client never ship openapi-fetch's client.
import type { paths } from "@ango-hub/types";
import createClient, { type Client } from "openapi-fetch";
import { type AngoClientOptions, resolveConfig } from "./config.js";
import { guardedFetch } from "./guarded-fetch.js";

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
export function createRawAngoClient(options: AngoClientOptions = {}): Client<paths> {
  const config = resolveConfig(options);
  return createClient<paths>({
    baseUrl: config.baseUrl,
    headers: config.headers,
    // openapi-fetch hands over a Request; it is sent as URL and init so the guard owns every option.
    fetch: (request) =>
      guardedFetch(config, request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.body,
        signal: request.signal,
        ...(request.body ? { duplex: "half" } : {}),
      }),
  });
}
