// `@ango-hub/client/raw`: openapi-fetch's `{ data, error, response }` client behind the same key guard.
// A separate entry point, so consumers of the typed client never ship openapi-fetch's client.
import type { paths } from "@ango-hub/types";
import createClient, { type Client } from "openapi-fetch";
import { type AngoClientOptions, resolveConfig } from "./config.js";
import { AngoConfigError } from "./errors.js";
import { guardedFetch } from "./guarded-fetch.js";
import { specAccess } from "./spec-access.js";

/**
 * The options of createRawAngoClient: createAngoClient's, less those only the typed client acts on (the
 * raw client has no timeout, retries or response validation).
 */
export type RawAngoClientOptions = Omit<
  AngoClientOptions,
  | "timeoutMs"
  | "maxRetries"
  | "retry"
  | "validateResponses"
  | "responseValidation"
  | "onDrift"
  | "driftSampleRate"
>;

/** The options RawAngoClientOptions leaves out, refused at run time too (a JavaScript caller has no types). */
const TYPED_CLIENT_ONLY = [
  "timeoutMs",
  "maxRetries",
  "retry",
  "validateResponses",
  "responseValidation",
  "onDrift",
  "driftSampleRate",
] as const satisfies readonly Exclude<keyof AngoClientOptions, keyof RawAngoClientOptions>[];

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
  // An option the raw client would silently ignore is refused: a caller who asked for validation or a
  // timeout must not believe they have it.
  const ignored = TYPED_CLIENT_ONLY.filter(
    (name) =>
      typeof options === "object" && options !== null && (options as AngoClientOptions)[name] !== undefined,
  );
  if (ignored.length > 0)
    throw new AngoConfigError(
      `createRawAngoClient has no ${ignored.join(", ")}: it sends requests as openapi-fetch does. Use createAngoClient for timeouts, retries and response validation.`,
    );
  const config = resolveConfig(options, specAccess);
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
